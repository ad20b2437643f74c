"use client";

import { useSyncExternalStore } from "react";

// One shared one-second clock for every live time on the page. useSyncExternalStore keeps
// render pure (no Date.now() during render) and returns null while hydrating, so server HTML
// and the first client render agree; live values appear right after.

let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === null) {
    timer = setInterval(tick, 1000);
    // The clock may have been idle; bring it up to date for the new subscriber.
    queueMicrotask(tick);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getSnapshot = () => now;
const getServerSnapshot = () => null;

/** Milliseconds since the epoch, updated every second; null during server render and hydration. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
