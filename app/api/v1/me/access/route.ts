import { z } from "zod";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";
import { myAccessHistory } from "@/lib/history/my-access";

const query = z.object({
  kind: z.enum(["all", "reads", "grants", "denials"]).optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "cursor must be an event number").optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/me/access", req);
    return json(await myAccessHistory(staff, query.parse(Object.fromEntries(new URL(req.url).searchParams))));
  } catch (err) {
    return errorResponse(err);
  }
}
