"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../ui/button";
import { ErrorNotice } from "../ui/error-notice";

// "Verify now": starts a full verification of the live log and follows its NDJSON progress
// stream. The bar is a real progressbar (value and text announced); the result is announced
// once, and the page's "last verification" refreshes from the log's own AUDIT_VERIFIED event.

type Result = { ok: true; events: number; verifiedSize: number; unsealedEvents: number; durationMs: number } | { ok: false; kind: string; problem: string; firstBadSeq: string | null; durationMs: number };
type State = { phase: "idle" } | { phase: "running"; done: number; total: number } | { phase: "done"; result: Result } | { phase: "failed"; message: string };

async function* ndjson(body: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, unknown>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const lines = (rest + decoder.decode(value, { stream: true })).split("\n");
    rest = lines.pop()!;
    for (const l of lines) if (l.trim()) yield JSON.parse(l) as Record<string, unknown>;
  }
  if (rest.trim()) yield JSON.parse(rest) as Record<string, unknown>;
}

const n = (v: number) => v.toLocaleString("en");

export function VerifyNow() {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: "idle" });

  async function run() {
    setState({ phase: "running", done: 0, total: 0 });
    try {
      const res = await fetch("/api/v1/audit/verify", { method: "POST", headers: { "x-custody-request": "1", accept: "application/x-ndjson" }, credentials: "same-origin", cache: "no-store" });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The verification could not start (HTTP ${res.status}).`);
      }
      for await (const msg of ndjson(res.body)) {
        if (msg.type === "progress") setState({ phase: "running", done: Number(msg.done), total: Number(msg.total) });
        else if (msg.type === "result") setState({ phase: "done", result: msg as unknown as Result });
        else if (msg.type === "error") throw new Error(String(msg.message));
      }
      router.refresh();
    } catch (e) {
      setState({ phase: "failed", message: e instanceof Error ? e.message : "The verification failed to run." });
    }
  }

  const running = state.phase === "running";
  const pct = running && state.total > 0 ? Math.min(100, Math.round((100 * state.done) / state.total)) : 0;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3">
        <Button variant="primary" onClick={() => void run()} pending={running}>
          {running ? "Verifying…" : "Verify now"}
        </Button>
        <p className="text-[13px] text-zinc-600">Recomputes every leaf and every checkpoint root, checks each signature against the checkpoint directory. Logged as AUDIT_VERIFIED.</p>
      </div>
      {running ? (
        <div className="flex max-w-xl items-center gap-3">
          <div
            role="progressbar"
            aria-label="Verification progress"
            aria-valuemin={0}
            aria-valuemax={state.total || 100}
            aria-valuenow={state.total ? state.done : undefined}
            aria-valuetext={state.total ? `${n(state.done)} of ${n(state.total)} events checked` : "Starting"}
            className="h-2 flex-1 overflow-hidden rounded-full bg-zinc-200"
          >
            <div className="h-full bg-accent-700 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <span className="w-56 text-right font-mono text-xs text-zinc-700 tabular-nums">{state.total ? `${n(state.done)} / ${n(state.total)} (${pct}%)` : "starting…"}</span>
        </div>
      ) : null}
      <div aria-live="polite">
        {state.phase === "done" && state.result.ok ? (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
            <span aria-hidden="true">✓ </span>
            <span className="font-medium">The log is intact.</span> {n(state.result.events)} events checked against the checkpoint of size {n(state.result.verifiedSize)}
            {state.result.unsealedEvents ? `; ${n(state.result.unsealedEvents)} not sealed yet` : ""} — in {(state.result.durationMs / 1000).toFixed(1)} s.
          </p>
        ) : null}
      </div>
      {state.phase === "done" && !state.result.ok ? (
        <ErrorNotice title="Verification failed: the log does not match its signed checkpoints">
          {state.result.problem}
          {state.result.firstBadSeq ? ` First bad entry: event ${state.result.firstBadSeq}.` : ""}
        </ErrorNotice>
      ) : null}
      {state.phase === "failed" ? <ErrorNotice title="Verification did not run">{state.message}</ErrorNotice> : null}
    </div>
  );
}
