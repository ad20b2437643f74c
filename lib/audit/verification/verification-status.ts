import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { type CheckpointSummary, latestCheckpointSummary } from "@/lib/log/checkpoints/checkpoint-summary";
import { assertAuditor } from "../search/search-events";

// The verification panel's facts: the newest signed checkpoint (how much is sealed, how long
// ago) and the recent full verifications, which are AUDIT_VERIFIED events in the log itself.

export type VerificationRun = {
  seq: string;
  at: Date;
  by: string | null;
  /** "sealer" for the alarm a sealer records when it stops over damage (lib/log/sealer/sealer.ts). */
  via: string | null;
  ok: boolean;
  events: number | null;
  verifiedSize: number | null;
  durationMs: number | null;
  problem: string | null;
  firstBadSeq: string | null;
};

export type VerificationStatus = { checkpoint: CheckpointSummary | null; runs: VerificationRun[] };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : null);

export async function verificationStatus(staff: StaffContext): Promise<VerificationStatus> {
  assertAuditor(staff);
  const [checkpoint, rows] = await Promise.all([
    latestCheckpointSummary(),
    getDb().accessEvent.findMany({
      where: { action: "AUDIT_VERIFIED" },
      orderBy: [{ occurredAt: "desc" }, { seq: "desc" }],
      take: 10,
      select: { seq: true, occurredAt: true, actorEmail: true, outcome: true, details: true },
    }),
  ]);
  return {
    checkpoint,
    runs: rows.map((r) => {
      const d = (r.details ?? {}) as Record<string, unknown>;
      return {
        seq: r.seq.toString(),
        at: r.occurredAt,
        by: r.actorEmail,
        via: str(d.via),
        ok: r.outcome === "ALLOWED",
        events: num(d.events),
        verifiedSize: num(d.verifiedSize),
        durationMs: num(d.durationMs),
        problem: str(d.problem),
        firstBadSeq: d.firstBadSeq === null || d.firstBadSeq === undefined ? null : String(d.firstBadSeq),
      };
    }),
  };
}
