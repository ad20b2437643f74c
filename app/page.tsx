import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/current-staff";
import { homePathFor } from "@/lib/policy/home";

// "PAGE /": everyone lands where their work is (lib/policy/home.ts): reviewers and leads on
// the queue, auditors on the log, admins on staff.
export default async function Home() {
  const staff = await requireStaff();
  redirect(homePathFor(staff.roles));
}
