import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { DetectionRegionItem } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { DETECTION_REGION_DEFAULTS, DETECTION_REGION_NOTES } from "@/lib/policy/detection";
import { decidePermission } from "@/lib/policy/permissions";
import { REGIONS, type Region } from "@/lib/policy/roles";

// The legal basis for scanning, per data region, as admins switch it. Every switch is a
// DETECTION_REGION_CHANGED event in the same transaction; ingest reads the switches on every
// batch, so a region switched off is not scanned from the next batch on.

function requireRegionAdmin(actor: Pick<StaffContext, "roles">) {
  const allowed = decidePermission(actor.roles, "detection:regions");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
}

export async function listDetectionRegions(actor: Pick<StaffContext, "roles">): Promise<DetectionRegionItem[]> {
  requireRegionAdmin(actor);
  const rows = await getDb().detectionRegion.findMany({ select: { region: true, enabled: true, changedById: true, changedAt: true } });
  const staff = await getDb().staff.findMany({ where: { id: { in: rows.flatMap((r) => (r.changedById ? [r.changedById] : [])) } }, select: { id: true, name: true } });
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return REGIONS.map((region) => {
    const row = rows.find((r) => r.region === region);
    return {
      region,
      enabled: row ? row.enabled : DETECTION_REGION_DEFAULTS[region],
      isDefault: !row,
      changedBy: row?.changedById ? (names.get(row.changedById) ?? "a former staff member") : null,
      changedAt: row?.changedAt.toISOString() ?? null,
      note: DETECTION_REGION_NOTES[region],
    };
  });
}

/** Switches a region's scanning; a switch to the state it already has changes and logs nothing. */
export async function setDetectionRegion(actor: StaffContext, region: Region, enabled: boolean, meta: RequestMeta): Promise<{ regions: DetectionRegionItem[]; changed: boolean }> {
  requireRegionAdmin(actor);
  const changed = await getDb().$transaction(async (tx) => {
    // Serialise switches of one region (the row may not exist yet: lock the rule set's row instead).
    await tx.$queryRaw`SELECT 1 FROM detection_rule_set WHERE id = 1 FOR UPDATE`;
    const row = await tx.detectionRegion.findUnique({ where: { region }, select: { enabled: true } });
    const before = row ? row.enabled : DETECTION_REGION_DEFAULTS[region];
    if (before === enabled) return false;
    await tx.detectionRegion.upsert({ where: { region }, create: { region, enabled, changedById: actor.id }, update: { enabled, changedById: actor.id, changedAt: new Date() } });
    await recordEvent(tx, { actor: toActor(actor), action: "DETECTION_REGION_CHANGED", outcome: "ALLOWED", details: { region, before, after: enabled, wasDefault: !row }, meta });
    return true;
  });
  return { regions: await listDetectionRegions(actor), changed };
}
