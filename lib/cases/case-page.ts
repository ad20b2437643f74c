import "server-only";
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
