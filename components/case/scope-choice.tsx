"use client";

import { useId } from "react";
import { WIDE_SCOPE_MESSAGES } from "@/lib/policy/limits";
import type { Scope } from "@/lib/policy/purposes";
import type { ScopeDraft } from "./custom-scope";
import { Input } from "../ui/controls";
import { Field } from "../ui/field";

/**
 * Which messages to open: the default around the reported ones, or a range the reviewer names
 * (wider than the default when the context needs it, narrower when less will do).
 */
export function ScopeChoice({ draft, onChange, fallback, radius, messageCount, anchors, error }: {
  draft: ScopeDraft;
  onChange: (d: ScopeDraft) => void;
  fallback: Scope | null;
  radius: number;
  messageCount: number;
  anchors: readonly number[];
  error: string | null;
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-[13px] font-medium text-zinc-800">Messages</legend>
      <label className="flex items-center gap-2 text-[13px]">
        <input type="radio" name={`${id}-mode`} checked={draft.mode === "default"} onChange={() => onChange({ ...draft, mode: "default" })} />
        Reported and {radius} either side{fallback ? ` (messages ${fallback.from}–${fallback.to})` : ""}
      </label>
      <label className="flex items-center gap-2 text-[13px]">
        <input type="radio" name={`${id}-mode`} checked={draft.mode === "custom"} onChange={() => onChange({ ...draft, mode: "custom", from: draft.from || String(fallback?.from ?? 1), to: draft.to || String(fallback?.to ?? messageCount) })} />
        A range I choose
      </label>
      {draft.mode === "custom" ? (
        <div className="flex flex-col gap-1 pl-6">
          <div className="grid grid-cols-2 gap-2">
            <Field id={`${id}-from`} label="From message" error={error}>
              {(c) => <Input {...c} type="number" inputMode="numeric" min={1} max={messageCount} value={draft.from} onChange={(e) => onChange({ ...draft, from: e.target.value })} />}
            </Field>
            <Field id={`${id}-to`} label="To message">
              {(c) => <Input {...c} type="number" inputMode="numeric" min={1} max={messageCount} value={draft.to} onChange={(e) => onChange({ ...draft, to: e.target.value })} />}
            </Field>
          </div>
          <p className="text-xs text-zinc-600">
            Of {messageCount} messages{anchors.length ? `; must include ${anchors.join(", ")}` : ""}. More than {WIDE_SCOPE_MESSAGES} needs a second person&apos;s approval.
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
