import { z } from "zod";
import { REGIONS, ROLES } from "@/lib/policy/roles";
import { safeText } from "@/lib/validation/safe-text";

// The shapes the staff API accepts. Shared by the route handlers (and so by the admin page,
// which posts to them).
const link = z.object({
  handle: safeText.trim().min(1, "a handle is required").max(100),
  relation: safeText.trim().min(1, "say how the account is related").max(100),
});

export const staffUpdateInput = z.object({
  name: safeText.trim().min(1, "a name is required").max(200),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
  regions: z.array(z.enum(REGIONS)).max(REGIONS.length),
  disabled: z.boolean(),
  links: z.array(link).max(50),
  resetTotp: z.boolean().optional(),
});

export const staffCreateInput = staffUpdateInput.extend({
  email: safeText.trim().toLowerCase().email("a valid email is required").max(200),
  password: safeText.min(12, "an initial password needs at least 12 characters").max(200).optional(),
});
