"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Purpose } from "@/lib/dto";
import { apiRequest, ApiRequestError } from "@/lib/client/api";
import { PURPOSE_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { ErrorNotice, Notice } from "../ui/error-notice";
import { Field } from "../ui/field";
import { APPROVAL_TTL_HOURS, EMERGENCY_MAX_HOURS, MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { PURPOSE_RULES, anchoredScope } from "@/lib/policy/purposes";
import { customScope, type ScopeDraft } from "./custom-scope";
import { ScopeChoice } from "./scope-choice";

/**
 * Purpose first: the reviewer states why before any content is decrypted. 201 means the grant is
 * live (go to the thread); 202 means a second person must approve it first.
 */
export function OpenThreadForm({
  caseId,
  defaultPurpose,
  purposes,
  messageCount,
  anchors,
}: {
  caseId: string;
  defaultPurpose: Purpose;
  /** Only the purposes the server would accept for this case's basis and the reader's roles. */
  purposes: Purpose[];
  messageCount: number;
  anchors: number[];
}) {
  const router = useRouter();
  const [purpose, setPurpose] = useState<Purpose>(defaultPurpose);
  const [justification, setJustification] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [awaitingApproval, setAwaitingApproval] = useState(false);
  // EMERGENCY names its own window of messages (at most EMERGENCY_MAX_HOURS); other purposes derive the scope.
  const [windowFrom, setWindowFrom] = useState("");
  const [windowTo, setWindowTo] = useState("");
  // Purposes anchored on reported messages may name their own range instead of the default.
  const [scopeDraft, setScopeDraft] = useState<ScopeDraft>({ mode: "default", from: "", to: "" });
  const [scopeError, setScopeError] = useState<string | null>(null);
  const rule = PURPOSE_RULES[purpose].scope;
  const radius = rule.kind === "anchors" ? rule.radius : null;

  const length = justification.trim().length;
  const enough = length >= MIN_JUSTIFICATION;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!enough) {
      event.currentTarget.querySelector<HTMLElement>('textarea[name="justification"]')?.focus();
      setFieldError(`Write at least ${MIN_JUSTIFICATION} characters saying why you need to read this thread.`);
      return;
    }
    setFieldError(null);
    const custom = radius !== null && scopeDraft.mode === "custom" ? customScope(scopeDraft, messageCount, anchors) : null;
    if (custom && "error" in custom) {
      setScopeError(custom.error);
      return;
    }
    setScopeError(null);
    setError(null);
    setPending(true);
    try {
      const { status } = await apiRequest<unknown>(`/api/v1/cases/${encodeURIComponent(caseId)}/grants`, {
        method: "POST",
        body: {
          purpose,
          justification: justification.trim(),
          ...(purpose === "EMERGENCY" && windowFrom && windowTo ? { scope: { sentFrom: new Date(windowFrom).toISOString(), sentTo: new Date(windowTo).toISOString() } } : {}),
          ...(custom ? { scope: custom.scope } : {}),
        },
      });
      if (status === 202) {
        setAwaitingApproval(true);
        setPending(false);
        router.refresh();
        return;
      }
      router.push(`/cases/${caseId}/thread`);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not request access. Try again.");
      setPending(false);
    }
  }

  if (awaitingApproval) {
    return (
      <Notice title="Request sent — awaiting second-person approval">
        Another approver (not you) must approve this request within {APPROVAL_TTL_HOURS} hours before the thread can be opened. This page will show the thread link once it is
        approved.
      </Notice>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-labelledby="open-thread-heading">
      <h2 id="open-thread-heading" className="text-[13px] font-semibold text-zinc-800">
        Open thread
      </h2>
      <p className="text-[13px] text-zinc-600">Reading messages is logged with your purpose and justification. Access is limited to the reported messages and their context, for a limited time.</p>
      {purposes.length > 1 ? (
        <Field id="grant-purpose" label="Purpose">
          {(control) => (
            <Select {...control} name="purpose" value={purpose} onChange={(e) => setPurpose(purposes.find((p) => p === e.target.value) ?? purpose)}>
              {purposes.map((p) => (
                <option key={p} value={p}>
                  {PURPOSE_LABEL[p]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : (
        // One valid purpose (the case's basis decides it): say it, do not offer a choice.
        <p className="text-[13px]" data-testid="grant-purpose">
          <span className="font-medium text-zinc-800">Purpose:</span> {PURPOSE_LABEL[purpose]}
          <span className="text-zinc-600"> — the only purpose this case&apos;s basis allows</span>
        </p>
      )}
      {purpose === "EMERGENCY" ? (
        <div className="grid grid-cols-2 gap-2">
          <Field id="grant-window-from" label="Messages from" hint="Your local time">
            {(control) => <Input {...control} type="datetime-local" value={windowFrom} onChange={(e) => setWindowFrom(e.target.value)} />}
          </Field>
          <Field id="grant-window-to" label="Messages to" hint={`At most ${EMERGENCY_MAX_HOURS} hours later`}>
            {(control) => <Input {...control} type="datetime-local" value={windowTo} onChange={(e) => setWindowTo(e.target.value)} />}
          </Field>
        </div>
      ) : null}
      {radius !== null ? (
        <ScopeChoice
          draft={scopeDraft}
          onChange={(d) => {
            setScopeDraft(d);
            setScopeError(null);
          }}
          fallback={anchoredScope(anchors, radius, messageCount)}
          radius={radius}
          messageCount={messageCount}
          anchors={anchors}
          error={scopeError}
        />
      ) : null}
      <Field
        id="grant-justification"
        label="Justification"
        required
        error={fieldError}
        hint={
          <span className="tabular-nums">
            {length}/{MIN_JUSTIFICATION} characters minimum{enough ? " ✓" : ""}
          </span>
        }
      >
        {(control) => (
          <Textarea
            {...control}
            name="justification"
            required
            aria-required="true"
            rows={3}
            value={justification}
            onChange={(e) => {
              setJustification(e.target.value);
              if (fieldError && e.target.value.trim().length >= MIN_JUSTIFICATION) setFieldError(null);
            }}
          />
        )}
      </Field>
      {/* Announce only the moment the minimum is reached, not every keystroke. */}
      <p aria-live="polite" className="sr-only">
        {enough ? "Minimum length reached." : ""}
      </p>
      {error ? <ErrorNotice title="Access not granted">{error}</ErrorNotice> : null}
      <div>
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? "Opening…" : "Open thread"}
        </Button>
      </div>
    </form>
  );
}
