import { listQueue } from "@/lib/cases/list-queue";
import { queueQuery as query } from "@/lib/cases/queue-query";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

export const GET = withOperation("GET /api/v1/cases", { query }, async ({ staff, query }) => json(await listQueue(staff, query)));
