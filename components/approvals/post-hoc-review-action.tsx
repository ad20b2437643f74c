"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import type { PostHocVerdict } from "@/lib/policy/post-hoc-review";
import { Button } from "../ui/button";
import { Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { InlineFormActions } from "./inline-form-actions";

const VERDICTS: { value: PostHocVerdict; label: string }[] = [
  { value: "JUSTIFIED", label: "Justified" },
  { value: "NOT_JUSTIFIED", label: "Not justified" },
];

/** The after-the-fact review of one emergency grant: a verdict and a note, inline in its row. */
export function PostHocReviewAction({ grantId, context }: { grantId: string; context: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [verdict, setVerdict] = useState<PostHocVerdict | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ verdict?: string; note?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = {
      verdict: verdict ? undefined : "Choose a verdict.",
      note: note.trim().length >= MIN_JUSTIFICATION ? undefined : `Explain the verdict (at least ${MIN_JUSTIFICATION} characters).`,
    };
    if (problems.verdict || problems.note) {
      setError(problems);
      return;
    }
    setPending(true);
    setError({});
    try {
      await apiFetch(`/api/v1/grants/${grantId}/post-hoc-review`, { method: "POST", body: { verdict, note: note.trim() } });
      router.refresh();
    } catch (err) {
      setError({ form: err instanceof ApiRequestError ? err.message : "That did not work. Try again." });
      setPending(false);
    }
  }

  if (!open) {
    return (
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Review: ${context}`}>
        Review
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex w-72 flex-col gap-1.5" aria-label={`Review: ${context}`}>
      <fieldset className="flex flex-col gap-1" aria-describedby={error.verdict ? `${id}-verdict-error` : undefined}>
        <legend className="text-[13px] font-medium text-zinc-800">Verdict</legend>
        <div className="flex gap-4">
          {VERDICTS.map((v) => (
            <label key={v.value} className="flex items-center gap-1.5 text-[13px]">
              <input
                type="radio"
                name={`${id}-verdict`}
                value={v.value}
                checked={verdict === v.value}
                onChange={() => {
                  setVerdict(v.value);
                  setError((e) => ({ ...e, verdict: undefined }));
                }}
              />
              {v.label}
            </label>
          ))}
        </div>
        {error.verdict ? (
          <p id={`${id}-verdict-error`} className="text-xs text-red-700">
            {error.verdict}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${id}-note`} label="Review note" required error={error.note ?? error.form}>
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            className="min-h-16"
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setError((x) => ({ ...x, note: undefined, form: undefined }));
            }}
          />
        )}
      </Field>
      <InlineFormActions label="Record review" variant="primary" pending={pending} onCancel={() => setOpen(false)} />
    </form>
  );
}
