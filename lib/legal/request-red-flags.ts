import "server-only";
import type { Db, Tx } from "@/lib/db";
import { redFlags, type RedFlag } from "@/lib/policy/legal-red-flags";

// Loads what the red flags need (lib/policy/legal-red-flags.ts) for one request: earlier
// requests from its agency, earlier failed verifications from its sender.

type RequestForFlags = {
  id: string;
  authority: string;
  officerEmail: string;
  instrument: Parameters<typeof redFlags>[0]["instrument"];
  jurisdiction: Parameters<typeof redFlags>[0]["jurisdiction"];
  emergencyJustification: string | null;
  createdAt: Date;
  hasDocument: boolean;
};

export async function loadRedFlags(db: Db | Tx, r: RequestForFlags): Promise<RedFlag[]> {
  const [earlierFromAgency, failedFromSender] = await Promise.all([
    db.legalRequest.count({ where: { id: { not: r.id }, authority: { equals: r.authority, mode: "insensitive" }, createdAt: { lt: r.createdAt } } }),
    db.legalRequest.count({ where: { id: { not: r.id }, officerEmail: r.officerEmail, verificationPassed: false } }),
  ]);
  return redFlags({ ...r, earlierFromAgency, failedFromSender });
}
