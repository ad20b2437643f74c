"use client";

import { useState } from "react";
import type { DetectionRuleDefinition, RuleTestResult } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import { Textarea } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

/**
 * "Test this rule" against text typed here — never against stored DMs, which would be reading
 * messages without a basis. The server answers and forgets: the text is neither stored nor logged.
 */
export function RuleTestBox({ definition, idPrefix }: { definition: () => DetectionRuleDefinition; idPrefix: string }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const { result: r } = await apiFetch<{ result: RuleTestResult }>("/api/v1/rules/test", { method: "POST", body: { definition: definition(), text } });
      setResult(r);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiRequestError ? err.message : "Could not test the rule. Try again.");
    }
    setPending(false);
  }

  return (
    <section aria-labelledby={`${idPrefix}-test-heading`} className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-3">
      <h2 id={`${idPrefix}-test-heading`} className="text-[13px] font-semibold">
        Test this rule
      </h2>
      <Field id={`${idPrefix}-test-text`} label="Text to test" hint="Type or paste an example. It is checked against the rule as drafted above, then forgotten: it is never stored or logged, and no stored message is searched.">
        {(control) => <Textarea {...control} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={5000} spellCheck={false} />}
      </Field>
      <div>
        <Button onClick={run} pending={pending} disabled={!text.trim()}>
          Test
        </Button>
      </div>
      {error ? <ErrorNotice title="Not tested">{error}</ErrorNotice> : null}
      {result ? (
        <div role="status" className="text-[13px]">
          <p className={result.matched ? "font-semibold text-red-800" : "font-semibold text-emerald-800"}>
            {result.matched ? "Matches: this text would be flagged." : "No match: this text would not be flagged."}
          </p>
          {result.terms.length ? <p className="text-zinc-700">Found: {result.terms.map((t) => `“${t}”`).join(", ")}</p> : null}
          {result.signals ? (
            <ul className="mt-1 list-none text-zinc-700" aria-label="Signals">
              {result.signals.map((s) => (
                <li key={s.label}>
                  <span aria-hidden="true">{s.found ? "✓" : "·"}</span> {s.label}: {s.found ? `found (${s.terms.map((t) => `“${t}”`).join(", ")})` : "not found"}
                </li>
              ))}
              <li className="text-xs text-zinc-600">In a conversation, {result.threshold} signals must be seen within the window, across any of its messages.</li>
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
