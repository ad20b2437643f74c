import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHANNEL_LOST_AFTER_MS } from "@/lib/events/staff-event";
import { openStaffEvents } from "./staff-events";

// The browser's end of the channel fails closed: a channel that goes quiet (a proxy holding
// events back, a dead connection) or that the browser gives up on is reported as lost, so the
// thread stops showing content it can no longer vouch for.

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = FakeEventSource.CONNECTING;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, (m: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (m: { data: string }) => void) {
    this.listeners.set(type, fn);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function open() {
  const onEvent = vi.fn();
  const onLost = vi.fn();
  const close = openStaffEvents(["0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f"], { onEvent, onLost });
  return { onEvent, onLost, close, source: FakeEventSource.last! };
}

describe("openStaffEvents", () => {
  it("names the watched grant and passes events on", () => {
    const { onEvent, source } = open();
    expect(source.url).toBe("/api/v1/me/events?grant=0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f");
    source.emit("ready", { grants: [] });
    expect(onEvent).toHaveBeenCalledWith({ type: "ready", data: { grants: [] } });
  });

  it("stays open while pings arrive, and reports a channel silent for too long as lost", () => {
    const { onLost, source } = open();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(2_000);
      source.emit("ping", { at: "now" });
    }
    expect(onLost).not.toHaveBeenCalled();
    vi.advanceTimersByTime(CHANNEL_LOST_AFTER_MS + 1_000);
    expect(onLost).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(true);
  });

  it("reports a channel the browser gave up on (401, 429) as lost at once", () => {
    const { onLost, source } = open();
    source.readyState = FakeEventSource.CLOSED;
    source.onerror?.();
    expect(onLost).toHaveBeenCalledTimes(1);
  });

  it("does not reconnect after the session ended, and closing stops the watchdog", () => {
    const first = open();
    first.source.emit("session-ended", { reason: "SESSION_IDLE" });
    expect(first.source.closed).toBe(true);
    expect(first.onEvent).toHaveBeenCalledWith({ type: "session-ended", data: { reason: "SESSION_IDLE" } });
    const second = open();
    second.close();
    vi.advanceTimersByTime(CHANNEL_LOST_AFTER_MS * 2);
    expect(second.onLost).not.toHaveBeenCalled();
    expect(first.onLost).not.toHaveBeenCalled();
  });
});
