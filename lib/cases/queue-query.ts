import { z } from "zod";
import { CATEGORIES } from "@/lib/intake/schemas";
import { safeText } from "@/lib/validation/safe-text";

/** The queue's filters and page (GET /api/v1/cases), also rendered into the OpenAPI document. */
export const queueQuery = z.object({
  status: z.enum(["open", "mine", "escalated"]).optional(),
  category: z.enum(CATEGORIES).optional(),
  cursor: safeText.max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
