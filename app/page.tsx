import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/current-staff";
import { homePathFor } from "@/lib/policy/home";

// Everyone lands where their work is: reviewers and leads on the queue, auditors on the log.
export default async function Home() {
  const staff = await requireStaff();
  redirect(homePathFor(staff.roles));
}
