import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { safeNextPath } from "@/lib/http/safe-next";
import { STEP_UP_MINUTES } from "@/lib/policy/limits";
import { stepUpIsFresh } from "@/lib/policy/content-access";
import { AccessRefused } from "@/components/access-refused";
import { StepUpForm } from "@/components/step-up/step-up-form";
import { formatUtc } from "@/components/format";

export const metadata: Metadata = { title: "Confirm it’s you" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

export default async function StepUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /step-up");
  if (refusal) return <AccessRefused title="Confirm it’s you" message={`Only roles that read content use the step-up. ${refusal.message}`} />;
  const next = safeNextPath((await searchParams).next, "/queue");
  const fresh = stepUpIsFresh(staff.stepUpAt, new Date());
  const until = fresh && staff.stepUpAt ? new Date(staff.stepUpAt.getTime() + STEP_UP_MINUTES * 60_000).toISOString() : null;

  return (
    <div className="mx-auto flex max-w-md flex-col gap-3 pt-[6vh]">
      <h1 id="step-up-heading" className="text-base font-semibold">
        Confirm it&rsquo;s you
      </h1>
      <p className="text-[13px] text-zinc-700">
        Message content is shown only after an authenticator check in the last {STEP_UP_MINUTES} minutes. The check is recorded in the access log.
      </p>
      {until ? (
        <p role="status" className="text-[13px] text-zinc-700">
          Already confirmed until {formatUtc(until, { seconds: false })}. You can confirm again to restart the {STEP_UP_MINUTES} minutes.
        </p>
      ) : null}
      <StepUpForm enrolled={staff.totpEnrolled} next={next} />
    </div>
  );
}
