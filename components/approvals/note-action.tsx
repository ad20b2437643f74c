"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { MIN_NOTE } from "@/lib/policy/limits";
import { Button } from "../ui/button";
import type { ButtonVariant } from "../ui/button-styles";
import { Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { InlineFormActions } from "./inline-form-actions";

type Props = {
  /** The button that opens the form, e.g. "Reject". */
  label: string;
  variant?: ButtonVariant;
  path: string;
  /** The body key the note goes in ("note" or "reason"). */
  field: "note" | "reason";
  noteLabel: string;
  required: boolean;
  /** Names the row for screen readers ("Reject request by Riley for case #12"). */
  context: string;
};

/**
 * An action on one row that takes a short note (approve, reject, revoke). Opens inline so the
 * keyboard stays in the row; on success the page re-renders from the server.
 */
export function NoteAction({ label, variant = "secondary", path, field, noteLabel, required, context }: Props) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (required && note.trim().length < MIN_NOTE) {
      setError(`Write a short reason (at least ${MIN_NOTE} characters).`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await apiFetch(path, { method: "POST", body: { [field]: note.trim() || undefined } });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "That did not work. Try again.");
      setPending(false);
    }
  }

  if (!open) {
    return (
      <Button size="sm" variant={variant} onClick={() => setOpen(true)} aria-label={`${label}: ${context}`}>
        {label}
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex w-64 flex-col gap-1.5" aria-label={`${label}: ${context}`}>
      <Field id={`${id}-note`} label={noteLabel} required={required} error={error}>
        {(control) => <Textarea {...control} rows={2} className="min-h-12" value={note} onChange={(e) => setNote(e.target.value)} autoFocus />}
      </Field>
      <InlineFormActions label={label} variant={variant} pending={pending} onCancel={() => setOpen(false)} />
    </form>
  );
}
