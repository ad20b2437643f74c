import { z } from "zod";
import { authorizeApi } from "@/lib/auth/authorize";
import { listQueue } from "@/lib/cases/list-queue";
import { errorResponse, json } from "@/lib/http/handle";
import { CATEGORIES } from "@/lib/intake/schemas";

const query = z.object({
  status: z.enum(["open", "mine", "escalated"]).optional(),
  category: z.enum(CATEGORIES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/cases", req);
    const filters = query.parse(Object.fromEntries(new URL(req.url).searchParams));
    return json(await listQueue(staff, filters));
  } catch (err) {
    return errorResponse(err);
  }
}
