import { z } from "zod";
import { listQueue } from "@/lib/cases/list-queue";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { CATEGORIES } from "@/lib/intake/schemas";
import { safeText } from "@/lib/validation/safe-text";

const query = z.object({
  status: z.enum(["open", "mine", "escalated"]).optional(),
  category: z.enum(CATEGORIES).optional(),
  cursor: safeText.max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const GET = withOperation("GET /api/v1/cases", { query }, async ({ staff, query }) => json(await listQueue(staff, query)));
