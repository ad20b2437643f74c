import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { createStaff } from "@/lib/staff/save-staff";
import { staffCreateInput } from "@/lib/staff/staff-input";
import { listStaff } from "@/lib/staff/staff-record";

export const GET = withOperation("GET /api/v1/staff", {}, async ({ staff }) => json({ staff: await listStaff(staff) }));

export const POST = withOperation("POST /api/v1/staff", { body: staffCreateInput }, async ({ staff, body, meta }) =>
  json({ staff: await createStaff(staff, body, meta) }, { status: 201 }),
);
