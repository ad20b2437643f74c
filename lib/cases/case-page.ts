import "server-only";
import { cache } from "react";
import { authorizePage } from "@/lib/auth/authorize";
import type { StaffContext } from "@/lib/auth/staff-context";
import type { CaseDetail } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { OperationId } from "@/lib/policy/operations";
import { getCaseDetail } from "./get-case-detail";

/** A case page's data, or why not: pages render a refusal or a 404 instead of throwing. */
export async function loadCasePage(
  staff: StaffContext,
  caseId: string,
  operation: OperationId,
): Promise<{ kind: "ok"; detail: CaseDetail } | { kind: "refused"; message: string } | { kind: "missing" }> {
  try {
    return { kind: "ok", detail: await getCaseDetail(staff, caseId, operation) };
  } catch (err) {
    if (err instanceof ForbiddenError) return { kind: "refused", message: err.message };
    if (err instanceof NotFoundError) return { kind: "missing" };
    throw err;
  }
}

/**
 * The page's authorisation and case, once per request: a page and its generateMetadata (the
 * title names the case number) share one call, so a refusal is logged once, not twice.
 */
export const casePageOnce = cache(async (operation: OperationId, caseId: string) => {
  const { staff, refusal } = await authorizePage(operation);
  if (refusal) return { staff, refusal, page: null };
  return { staff, refusal, page: await loadCasePage(staff, caseId, operation) };
});

/** "Case #14", or a neutral word when the reader may not see the case (no number leaks). */
export async function casePageTitle(operation: OperationId, caseId: string): Promise<string> {
  const { page } = await casePageOnce(operation, caseId);
  return page?.kind === "ok" ? `Case #${page.detail.number}` : "Case";
}
