"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Category, DetectionRuleDetail } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { RULE_LIMITS, SEVERITIES, SEVERITY_PRIORITY, type Severity } from "@/lib/policy/detection";
import { CATEGORIES } from "@/lib/policy/enums";
import { CATEGORY_LABEL, SEVERITY_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";
import { toDefinition, toDraft, type RuleDraft } from "./rule-draft";
import { RuleTestBox } from "./rule-test-box";

/** Create (no `rule`) or change a detection rule. Every save is a new version, logged with the rule before and after. */
export function RuleForm({ rule }: { rule?: DetectionRuleDetail }) {
  const router = useRouter();
  const [name, setName] = useState(rule?.name ?? "");
  const [category, setCategory] = useState<Category>(rule?.category ?? "HARASSMENT");
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? "MEDIUM");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [draft, setDraft] = useState<RuleDraft>(toDraft(rule?.definition ?? null));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const prefix = rule ? `rule-${rule.id}` : "new-rule";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setSaved(null);
    const body = { name: name.trim(), category, severity, enabled, definition: toDefinition(draft) };
    try {
      if (rule) {
        const { rule: after } = await apiFetch<{ rule: DetectionRuleDetail }>(`/api/v1/rules/${rule.id}`, { method: "PUT", body: { ...body, baseVersion: rule.version } });
        setSaved(after.version);
        router.refresh();
      } else {
        const { rule: created } = await apiFetch<{ rule: DetectionRuleDetail }>("/api/v1/rules", { method: "POST", body });
        router.push(`/rules/${created.id}`);
        return;
      }
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not save. Try again.");
    }
    setPending(false);
  }

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,42rem)_minmax(0,30rem)]">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={rule ? `Edit ${rule.name}` : "New rule"}>
        <Field id={`${prefix}-name`} label="Name" required>
          {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" maxLength={100} />}
        </Field>
        <div className="flex flex-wrap gap-3">
          <Field id={`${prefix}-category`} label="Category">
            {(control) => (
              <Select {...control} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
                {CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABEL[c]}</option>)}
              </Select>
            )}
          </Field>
          <Field id={`${prefix}-severity`} label="Severity" hint={`Sets the case's priority: ${SEVERITIES.toReversed().map((s) => `${SEVERITY_LABEL[s].toLowerCase()} ${SEVERITY_PRIORITY[s]}`).join(", ")}.`}>
            {(control) => (
              <Select {...control} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
              </Select>
            )}
          </Field>
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-[13px] font-medium text-zinc-800">Kind</legend>
          <label className="flex items-center gap-2 text-[13px]">
            <input type="radio" name={`${prefix}-kind`} checked={draft.kind === "terms"} onChange={() => set({ kind: "terms" })} className="accent-accent-700" /> Terms and phrases in one message
          </label>
          <label className="flex items-center gap-2 text-[13px]">
            <input type="radio" name={`${prefix}-kind`} checked={draft.kind === "signals"} onChange={() => set({ kind: "signals" })} className="accent-accent-700" /> Conversation signals (a pattern across messages)
          </label>
        </fieldset>
        {draft.kind === "terms" ? (
          <>
            <Field id={`${prefix}-terms`} label="Terms and phrases" hint="One per line. Matched as whole words, ignoring case, accents, repeated letters and swaps such as 0→o, 1→i/l, 3→e, 4→a, 5→s, 7→t, @→a, $→s.">
              {(control) => <Textarea {...control} value={draft.terms} onChange={(e) => set({ terms: e.target.value })} rows={4} spellCheck={false} />}
            </Field>
            <label className="flex items-center gap-2 text-[13px]">
              <input type="checkbox" checked={draft.nearOn} onChange={(e) => set({ nearOn: e.target.checked })} className="accent-accent-700" /> Only when near other terms (proximity)
            </label>
            {draft.nearOn ? (
              <div className="flex flex-wrap items-start gap-3 pl-6">
                <Field id={`${prefix}-within`} label="Within (words)">
                  {(control) => <Input {...control} type="number" min={1} max={RULE_LIMITS.maxWithinWords} value={draft.within} onChange={(e) => set({ within: e.target.value })} className="w-20" />}
                </Field>
                <Field id={`${prefix}-near`} label="Of these terms" hint="One per line." className="min-w-72 flex-1">
                  {(control) => <Textarea {...control} value={draft.near} onChange={(e) => set({ near: e.target.value })} rows={3} spellCheck={false} />}
                </Field>
              </div>
            ) : null}
          </>
        ) : (
          <>
            <Field id={`${prefix}-signals`} label="Signals" hint="One per line: a label, a colon, then its terms separated by commas (e.g. “age question: how old are you, what grade are you in”). Only counters and times are kept per conversation, never text.">
              {(control) => <Textarea {...control} value={draft.signals} onChange={(e) => set({ signals: e.target.value })} rows={4} spellCheck={false} />}
            </Field>
            <div className="flex flex-wrap gap-3">
              <Field id={`${prefix}-threshold`} label="Signals needed">
                {(control) => <Input {...control} type="number" min={2} max={RULE_LIMITS.maxSignals} value={draft.threshold} onChange={(e) => set({ threshold: e.target.value })} className="w-20" />}
              </Field>
              <Field id={`${prefix}-window`} label="Within (days)">
                {(control) => <Input {...control} type="number" min={1} max={RULE_LIMITS.maxWindowDays} value={draft.windowDays} onChange={(e) => set({ windowDays: e.target.value })} className="w-20" />}
              </Field>
            </div>
          </>
        )}
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="accent-accent-700" /> Enabled (scanned for at ingest)
        </label>
        {error ? <ErrorNotice title="Not saved">{error}</ErrorNotice> : null}
        {saved !== null ? <p role="status" className="text-[13px] text-emerald-800">Saved as version {saved} and logged.</p> : null}
        <div>
          <Button type="submit" variant="primary" pending={pending}>
            {rule ? "Save as new version" : "Create rule"}
          </Button>
        </div>
      </form>
      <div className="lg:sticky lg:top-4">
        <RuleTestBox definition={() => toDefinition(draft)} idPrefix={prefix} />
      </div>
    </div>
  );
}
