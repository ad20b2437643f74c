import { z } from "zod";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { placeHold } from "@/lib/legal/holds";
import { HOLD_KINDS } from "@/lib/policy/holds";
import { safeText } from "@/lib/validation/safe-text";

const body = z
  .strictObject({
    kind: z.enum(HOLD_KINDS),
    reason: safeText.trim().min(10, "say why the accounts are held (at least 10 characters)").max(2000),
    requestId: z.uuid().optional(),
    accountHandles: z.array(safeText.trim().min(1).max(100)).max(20).optional(),
  })
  .refine((b) => b.requestId || b.accountHandles?.length, { message: "name a legal request or at least one account" });

export const POST = withOperation("POST /api/v1/legal/holds", { body }, async ({ staff, body, meta }) => json({ hold: await placeHold(staff, body, meta) }, { status: 201 }));
