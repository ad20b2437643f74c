import { z } from "zod";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { myAccessHistory } from "@/lib/history/my-access";
import { eventSeqText } from "@/lib/validation/event-seq";

const query = z.object({
  kind: z.enum(["all", "reads", "grants", "denials"]).optional(),
  cursor: eventSeqText("cursor must be an event number").optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const GET = withOperation("GET /api/v1/me/access", { query }, async ({ staff, query }) => json(await myAccessHistory(staff, query)));
