// Conversation signals: a grooming pattern is not a word but a sequence — an age question, a
// secrecy request, a move to another app — within some days of each other. Per conversation and
// rule version the detector keeps, for each signal, how often and when it was seen and in which
// message last: counters, timestamps and ids, never the text or the words that matched.
// Pure: the caller loads the state, passes the batch's signal sightings and writes back the
// result (on-ingest.ts).

export type SignalState = { signal: number; hits: number; firstSeenAt: Date; lastSeenAt: Date; lastMessageId: string };

export type Sighting = { signal: number; at: Date; messageId: string };

export type PatternRule = { threshold: number; windowDays: number };

/** A pattern that completed: the messages that carried its signals (the flag's anchors). */
export type Fired = { at: Date; messageIds: string[] };

const DAY_MS = 86_400_000;

/**
 * Applies sightings (in any order; taken in time order) to the state. Whenever at least
 * `threshold` distinct signals have been seen within `windowDays` of the latest of them, the
 * pattern fires with the last message of each such signal, and the state starts over, so one
 * pattern raises one flag and a new flag needs the pattern to build up again.
 */
export function applySightings(state: readonly SignalState[], sightings: readonly Sighting[], rule: PatternRule): { state: SignalState[]; fired: Fired[] } {
  const bySignal = new Map(state.map((s) => [s.signal, { ...s }]));
  const fired: Fired[] = [];
  const ordered = [...sightings].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of ordered) {
    const prior = bySignal.get(s.signal);
    if (!prior) bySignal.set(s.signal, { signal: s.signal, hits: 1, firstSeenAt: s.at, lastSeenAt: s.at, lastMessageId: s.messageId });
    else {
      prior.hits += 1;
      if (s.at < prior.firstSeenAt) prior.firstSeenAt = s.at;
      if (s.at >= prior.lastSeenAt) {
        prior.lastSeenAt = s.at;
        prior.lastMessageId = s.messageId;
      }
    }
    const latest = Math.max(...[...bySignal.values()].map((x) => x.lastSeenAt.getTime()));
    const recent = [...bySignal.values()].filter((x) => latest - x.lastSeenAt.getTime() <= rule.windowDays * DAY_MS);
    if (recent.length >= rule.threshold) {
      fired.push({ at: new Date(latest), messageIds: [...new Set(recent.sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime()).map((x) => x.lastMessageId))] });
      bySignal.clear();
    }
  }
  return { state: [...bySignal.values()].sort((a, b) => a.signal - b.signal), fired };
}
