import { CHANNEL_LOST_AFTER_MS, STAFF_EVENT_TYPES, type StaffEvent } from "@/lib/events/staff-event";

// The browser's end of the per-staff event channel (GET /api/v1/me/events, ADR 008). The
// server pings every tick; a channel that says nothing for CHANNEL_LOST_AFTER_MS (a dropped
// connection that does not come back, a proxy holding events back, a failing server) is
// reported as lost, so that a page showing content can fail closed rather than trust silence.

export type ChannelHandlers = {
  onEvent: (event: StaffEvent) => void;
  /** The channel is gone for good or too quiet to vouch for anything; it is closed already. */
  onLost: () => void;
};

/** Opens the channel, watching the given grants; returns the function that closes it. */
export function openStaffEvents(watch: readonly string[], { onEvent, onLost }: ChannelHandlers): () => void {
  const params = new URLSearchParams(watch.map((id) => ["grant", id]));
  const source = new EventSource(`/api/v1/me/events?${params}`, { withCredentials: true });
  let lastHeard = Date.now();
  let closed = false;

  const close = () => {
    closed = true;
    source.close();
    clearInterval(watchdog);
  };
  const lose = () => {
    if (closed) return;
    close();
    onLost();
  };

  for (const type of STAFF_EVENT_TYPES) {
    source.addEventListener(type, (message: MessageEvent<string>) => {
      if (closed) return;
      lastHeard = Date.now();
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      // The server is the only writer of this stream and says which type each event is.
      const event = { type, data } as StaffEvent;
      // After session-ended the server closes the stream; reconnecting would only be refused.
      if (event.type === "session-ended") close();
      onEvent(event);
    });
  }
  // CLOSED after an error means the browser will not retry (401, 429, not an event stream).
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) lose();
  };
  const watchdog = setInterval(() => {
    if (Date.now() - lastHeard > CHANNEL_LOST_AFTER_MS) lose();
  }, 1_000);

  return close;
}
