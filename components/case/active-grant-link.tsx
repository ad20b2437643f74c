"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { buttonClasses } from "../ui/button-styles";
import { Countdown } from "../ui/countdown";
import { useNow } from "../ui/use-now";

/** The way back into a live grant. When it expires, the page re-renders from the server. */
export function ActiveGrantLink({ caseId, expiresAt }: { caseId: string; expiresAt: string }) {
  const router = useRouter();
  const now = useNow();
  const expired = now !== null && now >= Date.parse(expiresAt);

  useEffect(() => {
    if (expired) router.refresh();
  }, [expired, router]);

  if (expired) {
    return <p className="text-[13px] text-zinc-700">The access grant has expired. Request a new one to read the thread.</p>;
  }
  return (
    <Link href={`/cases/${caseId}/thread`} className={buttonClasses("primary", "md")}>
      Continue to thread
      <span className="font-normal opacity-90">
        (expires in <Countdown until={expiresAt} />)
      </span>
    </Link>
  );
}
