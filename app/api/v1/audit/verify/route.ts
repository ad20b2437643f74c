import { verifyLiveLog } from "@/lib/audit/verification/verify-live-log";
import { withOperation } from "@/lib/http/with-operation";

// "Verify now": checks the whole live log against the checkpoint directory and streams its
// progress as NDJSON — {"type":"progress","done":n,"total":m} lines, then one "result" (or
// "error") line. verifyLiveLog records the run as an AUDIT_VERIFIED event, pass or fail.
// Errors before the stream starts are the wrapper's; once it runs, they become an "error" line.

const line = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);

export const POST = withOperation("POST /api/v1/audit/verify", {}, async ({ staff, meta }) => {
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let last = 0;
      try {
        const result = await verifyLiveLog({
          staff,
          meta,
          onProgress: (done, total) => {
            // At most ten updates a second: enough for a smooth bar, little for the socket.
            const now = Date.now();
            if (now - last < 100 && done < total) return;
            last = now;
            controller.enqueue(line({ type: "progress", done, total }));
          },
        });
        const summary = result.ok
          ? { ok: true, events: result.events, verifiedSize: result.verifiedSize, unsealedEvents: result.unsealedEvents }
          : { ok: false, kind: result.kind, problem: result.problem, firstBadSeq: result.firstBadSeq, firstBadLeafIndex: result.firstBadLeafIndex };
        controller.enqueue(line({ type: "result", ...summary, durationMs: result.durationMs, checkedAt: result.checkedAt }));
      } catch (err) {
        console.error("live verification failed", err instanceof Error ? err.message : err);
        controller.enqueue(line({ type: "error", message: "The verification could not run to the end. Try again; if it keeps failing, tell the operators." }));
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
});
