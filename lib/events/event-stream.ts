import "server-only";
import { staffEventHub, type StaffEventHub } from "./staff-event-hub";
import { CHANNEL_RETRY_MS, type StaffEvent } from "./staff-event";

// The text/event-stream body of one staff member's channel. After `retry:` and `ready`, the
// hub writes a ping every tick and whatever ended; the stream ends when the browser goes away
// or the session ends. A reader that stops reading (a stuck proxy) is dropped rather than
// buffered without bound.

const encoder = new TextEncoder();
/** Unread events queued for one stream before it counts as gone (a tick is one or two). */
const MAX_QUEUED = 64;

/** One event in the wire format; JSON.stringify escapes newlines, so `data:` is one line. */
export function encodeEvent(event: StaffEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** The stream for a signed-in member's session, or null if they already have too many open. */
export async function openEventStream(
  input: { staffId: string; sessionId: string; watch: readonly string[] },
  signal: AbortSignal,
  hub: StaffEventHub = staffEventHub(),
): Promise<ReadableStream<Uint8Array> | null> {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let unsubscribe = () => {};
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    unsubscribe();
    try {
      controller?.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
  };
  const write = (text: string) => {
    if (!open || !controller) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return end();
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        open = false;
        unsubscribe();
      },
    },
    { highWaterMark: 1 },
  );
  const sub = await hub.subscribe(input, (event) => write(encodeEvent(event)), end);
  if (!sub) return null;
  unsubscribe = sub.unsubscribe;
  if (signal.aborted) {
    end();
    return stream;
  }
  signal.addEventListener("abort", end, { once: true });
  write(`retry: ${CHANNEL_RETRY_MS}\n\n`);
  write(encodeEvent({ type: "ready", data: { grants: sub.ready } }));
  return stream;
}
