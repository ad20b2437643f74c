// Keeps demo message texts distinct. The no-plaintext-at-rest test samples seeded texts and
// searches the database bytes for them; a text shared by hundreds of messages ("ok", "lol") would
// make that search meaningless, and a reviewer reading the demo would see the same line everywhere.
// Templates already vary by names, times and places; on the rare repeat we add a natural tail.

import type { Rng } from "./prng";

const TAILS = [" 😂", " lol", "!", " haha", " tbh", " 🙂", "!!", " ok", " 👀", " 🙏", " btw", " fr", " 😅", " ✨"] as const;

export class UniqueTexts {
  private readonly used = new Set<string>();
  /** How many texts needed a variation: a measure of how repetitive the vocabularies are. */
  varied = 0;

  /** Returns `text`, or a lightly varied version of it if that exact text was already used. */
  claim(rng: Rng, text: string): string {
    if (!this.used.has(text)) {
      this.used.add(text);
      return text;
    }
    this.varied++;
    for (let attempt = 0; attempt < 12; attempt++) {
      const varied = text + rng.pick(TAILS) + (attempt >= 6 ? rng.pick(TAILS) : "");
      if (!this.used.has(varied)) {
        this.used.add(varied);
        return varied;
      }
    }
    // Practically unreachable with the default vocabularies; a repeat is harmless, just less ideal.
    return text;
  }

  /** Reserves a text that must appear verbatim (an XSS payload), so nothing else reuses it. */
  reserve(text: string): void {
    this.used.add(text);
  }

  get size(): number {
    return this.used.size;
  }
}
