import { json } from "@/lib/http/handle";
import { staffIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { updateStaff } from "@/lib/staff/save-staff";
import { staffUpdateInput } from "@/lib/staff/staff-input";

/** Replaces a staff member's name, roles, regions, links and disabled flag (the whole record). */
export const PATCH = withOperation("PATCH /api/v1/staff/{staffId}", { params: { staffId: staffIdParam }, body: staffUpdateInput }, async ({ staff, params, body, meta }) =>
  json({ staff: await updateStaff(staff, params.staffId, body, meta) }),
);
