"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Button } from "../ui/button";
import { accessEndText, type AccessEnd } from "./access-end";

/**
 * Takes the thread's place once its grant (or session) has ended: who ended it, when and why.
 * Focus moves here, since whatever the reader was on has just left the page.
 */
export function AccessEnded({ end, caseId, onReadAgain }: { end: AccessEnd; caseId: string; onReadAgain: () => void }) {
  const text = accessEndText(end);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);

  return (
    <div
      ref={box}
      tabIndex={-1}
      role={text.urgent ? "alert" : "status"}
      aria-labelledby="access-ended-title"
      className="rounded-md border border-zinc-300 border-l-4 border-l-zinc-500 bg-white px-3 py-2.5 focus:outline-none focus-visible:outline-2"
    >
      <p id="access-ended-title" className="font-medium text-zinc-900">
        {text.title}
      </p>
      {text.quote ? (
        <blockquote className="mt-1 border-l-2 border-zinc-300 pl-2 text-[13px] break-words whitespace-pre-wrap text-zinc-800">
          <span aria-hidden="true">“</span>
          {text.quote}
          <span aria-hidden="true">”</span>
        </blockquote>
      ) : null}
      <p className="mt-1 text-[13px] text-zinc-600">{text.detail}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-[13px]">
        {text.next === "read-again" ? (
          <Button size="sm" variant="primary" onClick={onReadAgain}>
            Read again (logged)
          </Button>
        ) : null}
        {text.next === "sign-in" ? <Link href="/signin">Sign in again</Link> : null}
        {text.next === "read-again" || text.next === "case" ? <Link href={`/cases/${caseId}`}>Back to case</Link> : null}
        {text.next === "case" ? <Link href="/my-access">My access history</Link> : null}
      </div>
    </div>
  );
}
