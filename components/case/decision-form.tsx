"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Decision, Participant } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { DECISIONS } from "@/lib/policy/enums";
import { DECISION_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Select, Textarea } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

const ROLE_WORD: Record<Participant["role"], string> = { REPORTED: "reported", REPORTER: "reporter", OTHER: "participant" };

/**
 * Records the outcome of a case; the server closes the case (or escalates it) and ends the
 * grant. A final decision applies to one participant — by default the sender of the reported
 * or flagged messages — and is delivered to the platform from the outbox.
 */
export function DecisionForm({ caseId, participants, defaultTargetId }: { caseId: string; participants: Participant[]; defaultTargetId: string | null }) {
  const router = useRouter();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [target, setTarget] = useState<string>(defaultTargetId ?? participants[0]?.accountId ?? "");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ decision?: string; note?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const next = {
      decision: decision ? undefined : "Choose a decision.",
      note: note.trim() ? undefined : "Write a note explaining the decision.",
    };
    setErrors(next);
    if (next.decision || next.note || !decision) {
      // Take keyboard users straight to the first thing to fix.
      form.querySelector<HTMLElement>(next.decision ? 'input[name="decision"]' : 'textarea[name="note"]')?.focus();
      return;
    }
    setError(null);
    setPending(true);
    try {
      const body = decision === "ESCALATE" || !target ? { decision, note: note.trim() } : { decision, note: note.trim(), target: { accountId: target } };
      await apiFetch(`/api/v1/cases/${encodeURIComponent(caseId)}/decision`, { method: "POST", body });
      router.push("/queue");
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not record the decision. Try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-labelledby="decision-heading">
      <h2 id="decision-heading" className="text-[13px] font-semibold text-zinc-800">
        Decision
      </h2>
      <fieldset aria-describedby={errors.decision ? "decision-error" : undefined}>
        <legend className="mb-1 text-[13px] font-medium text-zinc-800">
          Outcome
          <span className="ml-0.5 text-zinc-500" aria-hidden="true">
            *
          </span>
        </legend>
        <div className="grid grid-cols-1 gap-0.5">
          {DECISIONS.map((d) => (
            <label key={d} className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-[13px] hover:bg-zinc-100 has-checked:bg-accent-50 has-checked:font-medium">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={decision === d}
                data-shortcut={d === DECISIONS[0] ? "decide" : undefined}
                onChange={() => {
                  setDecision(d);
                  setErrors((e) => ({ ...e, decision: undefined }));
                }}
                className="accent-accent-700"
              />
              {DECISION_LABEL[d]}
            </label>
          ))}
        </div>
        {errors.decision ? (
          <p id="decision-error" className="mt-1 text-xs font-medium text-red-700">
            {errors.decision}
          </p>
        ) : null}
      </fieldset>
      {participants.length > 0 ? (
        <Field id={`decision-target-${caseId}`} label="Applies to" hint={decision === "REMOVE_MESSAGE" ? "Removes the reported or flagged messages." : "The account the platform acts on."}>
          {(control) => (
            <Select {...control} name="target" value={target} disabled={decision === "ESCALATE"} onChange={(e) => setTarget(e.target.value)}>
              {participants.map((p) => (
                <option key={p.accountId} value={p.accountId}>
                  {p.handle} ({ROLE_WORD[p.role]}){p.accountId === defaultTargetId ? " — default" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <Field id={`decision-note-${caseId}`} label="Decision note" required error={errors.note} hint={decision === "ESCALATE" ? "Explain why the leads should take it." : "The facts and circumstances: sent to the platform with the decision, which may show it to the person affected."}>
        {(control) => (
          <Textarea
            {...control}
            name="note"
            required
            aria-required="true"
            rows={3}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              if (errors.note && e.target.value.trim()) setErrors((x) => ({ ...x, note: undefined }));
            }}
          />
        )}
      </Field>
      {error ? <ErrorNotice title="Decision not recorded">{error}</ErrorNotice> : null}
      <div>
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? "Recording…" : "Record decision"}
        </Button>
      </div>
    </form>
  );
}
