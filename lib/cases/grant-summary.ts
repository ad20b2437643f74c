import type { GrantSummary } from "@/lib/dto";

type GrantRow = {
  id: string;
  purpose: GrantSummary["purpose"];
  justification: string;
  scopeFrom: number;
  scopeTo: number;
  createdAt: Date;
  expiresAt: Date;
  status: GrantSummary["status"];
  approvalReasons?: string[];
  replacesGrantId?: string | null;
};

export function toGrantSummary(g: GrantRow): GrantSummary {
  return {
    id: g.id,
    purpose: g.purpose,
    justification: g.justification,
    scopeFrom: g.scopeFrom,
    scopeTo: g.scopeTo,
    createdAt: g.createdAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    status: g.status,
    approvalReasons: g.approvalReasons ?? [],
    replacesGrantId: g.replacesGrantId ?? null,
  };
}
