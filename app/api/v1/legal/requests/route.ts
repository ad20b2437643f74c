import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { listLegalRequests } from "@/lib/legal/list-requests";
import { legalRequestBody as body } from "@/lib/legal/request-body";
import { takeInLegalRequest } from "@/lib/legal/take-in-request";

export const GET = withOperation("GET /api/v1/legal/requests", {}, async ({ staff }) => json({ requests: await listLegalRequests(staff) }));

/** 201 with the new request's id and number; 400 naming the field for bad input. */
export const POST = withOperation("POST /api/v1/legal/requests", { body }, async ({ staff, body, meta }) => json({ request: await takeInLegalRequest(staff, body, meta) }, { status: 201 }));
