// Reads a text/event-stream response in a test as a browser's EventSource would: events by
// type, in order, each waited for with a deadline rather than a sleep.

type Event = { type: string; data: unknown };

export type Stream = {
  response: Response;
  /** The data of the next not-yet-taken event of this type (events before it are passed over). */
  next: (type: string, timeoutMs?: number) => Promise<Record<string, unknown>>;
  seen: () => Event[];
  /** Everything received so far, as sent. */
  text: () => string;
  /** Resolves when the server has ended the stream. */
  ended: () => Promise<void>;
  close: () => void;
};

function parse(block: string): Event | null {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return data.length ? { type, data: JSON.parse(data.join("\n")) } : null;
}

export function openStream(response: Response, controller: AbortController): Stream {
  const events: Event[] = [];
  let raw = "";
  let cursor = 0;
  let wake = () => {};
  let finished: Promise<void> = Promise.resolve();
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;

  if (response.ok && response.body) {
    reader = response.body.getReader();
    const decoder = new TextDecoder();
    finished = (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader!.read();
          if (done) break;
          const chunk = decoder.decode(value, { stream: true });
          raw += chunk;
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf("\n\n")) >= 0) {
            const event = parse(buffer.slice(0, at));
            buffer = buffer.slice(at + 2);
            if (event) events.push(event);
          }
          wake();
        }
      } catch {
        // Cancelled by close().
      }
      wake();
    })();
  }

  let done = false;
  void finished.then(() => (done = true));

  async function next(type: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = events.findIndex((e, i) => i >= cursor && e.type === type);
      if (at >= 0) {
        cursor = at + 1;
        return events[at]!.data as Record<string, unknown>;
      }
      if (done) throw new Error(`stream ended before a "${type}" event; got ${events.map((e) => e.type).join(", ")}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(", ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    response,
    next,
    seen: () => [...events],
    text: () => raw,
    ended: () => finished,
    close: () => {
      controller.abort();
      void reader?.cancel().catch(() => {});
    },
  };
}
