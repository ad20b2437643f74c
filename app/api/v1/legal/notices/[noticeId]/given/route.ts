import { json } from "@/lib/http/handle";
import { userNoticeIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { userNoticeBody as body } from "@/lib/legal/request-body";
import { giveUserNotice } from "@/lib/legal/user-notices";

/** 200 once; 409 NOTICE_ALREADY_GIVEN the second time (logged); 404 for an unknown task. */
export const POST = withOperation("POST /api/v1/legal/notices/{noticeId}/given", { params: { noticeId: userNoticeIdParam }, body }, async ({ staff, params, body, meta }) =>
  json(await giveUserNotice(staff, params.noticeId, body.note, meta)),
);
