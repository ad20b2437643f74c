import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb, type Db, type Tx } from "@/lib/db";
import type { StaffAdminItem } from "@/lib/dto";
import { BadRequestError, ForbiddenError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { decidePermission } from "@/lib/policy/permissions";

// Reading staff records for administration, and turning the handles an admin types into
// platform account ids (links for conflict-of-interest checks).

export const STAFF_ADMIN_SELECT = {
  id: true,
  name: true,
  email: true,
  roles: true,
  regions: true,
  disabled: true,
  totpEnrolledAt: true,
  createdAt: true,
  accountLinks: { orderBy: { createdAt: "asc" }, select: { accountId: true, relation: true, account: { select: { handle: true } } } },
} as const;

type Row = {
  id: string;
  name: string;
  email: string;
  roles: StaffAdminItem["roles"];
  regions: StaffAdminItem["regions"];
  disabled: boolean;
  totpEnrolledAt: Date | null;
  createdAt: Date;
  accountLinks: { accountId: string; relation: string; account: { handle: string } }[];
};

export function toStaffAdminItem(r: Row): StaffAdminItem {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    roles: r.roles,
    regions: r.regions,
    disabled: r.disabled,
    totpEnrolled: r.totpEnrolledAt !== null,
    links: r.accountLinks.map((l) => ({ accountId: l.accountId, handle: l.account.handle, relation: l.relation })),
    createdAt: r.createdAt.toISOString(),
  };
}

/** Account ids for the given handles; an unknown handle is a 400 naming it. */
export async function resolveLinks(db: Db | Tx, links: readonly { handle: string; relation: string }[]): Promise<{ accountId: string; handle: string; relation: string }[]> {
  const handles = [...new Set(links.map((l) => l.handle.replace(/^@/, "").toLowerCase()))];
  const accounts = await db.platformAccount.findMany({ where: { handle: { in: handles, mode: "insensitive" } }, select: { id: true, handle: true } });
  const byHandle = new Map(accounts.map((a) => [a.handle.toLowerCase(), a]));
  return links.map((l) => {
    const account = byHandle.get(l.handle.replace(/^@/, "").toLowerCase());
    if (!account) throw new BadRequestError(`No platform account has the handle @${l.handle.replace(/^@/, "")}.`, "UNKNOWN_ACCOUNT");
    return { accountId: account.id, handle: account.handle, relation: l.relation };
  });
}

function requireAdmin(actor: Pick<StaffContext, "roles">) {
  const allowed = decidePermission(actor.roles, "staff:manage");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
}

export async function listStaff(actor: Pick<StaffContext, "roles">): Promise<StaffAdminItem[]> {
  requireAdmin(actor);
  const rows = await getDb().staff.findMany({ orderBy: [{ disabled: "asc" }, { name: "asc" }], take: 1000, select: STAFF_ADMIN_SELECT });
  return rows.map(toStaffAdminItem);
}

export async function getStaffForAdmin(actor: Pick<StaffContext, "roles">, id: string): Promise<StaffAdminItem | null> {
  requireAdmin(actor);
  if (!UUID_RE.test(id)) return null;
  const row = await getDb().staff.findUnique({ where: { id }, select: STAFF_ADMIN_SELECT });
  return row ? toStaffAdminItem(row) : null;
}
