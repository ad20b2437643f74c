// Fills "{slot}" placeholders in message templates. The slots carry the details (names, times,
// places, prices) that make 30,000 generated messages read like different conversations and,
// just as important, make nearly every text unique: the no-plaintext-at-rest test searches the
// database bytes for seeded texts, which only means something if those texts are distinctive.

import type { Rng } from "./prng";
import type { Region } from "../dto";
import { EU_FIRST_NAMES, EU_LAST_NAMES, US_FIRST_NAMES, US_LAST_NAMES } from "./vocab-people";
import { SLOT_VALUES, type SlotList } from "./vocab-slots";

export type FillContext = {
  rng: Rng;
  region: Region;
  /** Fixed values for this thread: speaker names ("a", "b", "r", ...), the minor's age, etc. */
  fixed: Readonly<Record<string, string>>;
  /**
   * Values already drawn in this exchange. "{place}" twice in one exchange is the same place;
   * "{place2}" is a second, independent one.
   */
  memo: Map<string, string>;
};

const SLOT = /\{([a-z]+)(\d?)\}/g;

export function fillTemplate(template: string, ctx: FillContext): string {
  return template.replace(SLOT, (token: string, key: string) => {
    const fixed = ctx.fixed[key];
    if (fixed !== undefined && token === `{${key}}`) return fixed;
    const remembered = ctx.memo.get(token);
    if (remembered !== undefined) return remembered;
    // "{place2}" should differ from "{place}", and "{friend}" should not be someone in the chat.
    const taken = new Set([...Object.values(ctx.fixed), ...ctx.memo.values()]);
    let value = drawSlot(key, ctx.rng, ctx.region);
    for (let attempt = 0; attempt < 8 && taken.has(value); attempt++) value = drawSlot(key, ctx.rng, ctx.region);
    ctx.memo.set(token, value);
    return value;
  });
}

function drawSlot(key: string, rng: Rng, region: Region): string {
  const us = region === "US";
  switch (key) {
    case "time":
      return clockTime(rng, us);
    case "price":
      return money(rng, us, rng.int(12, 140));
    case "bigprice":
      return money(rng, us, rng.int(3, 60) * 100);
    case "smallprice":
      return money(rng, us, rng.int(2, 9)) + (us ? `.${rng.int(10, 99)}` : `,${rng.int(10, 99)}`);
    case "n":
      return String(rng.int(2, 9));
    case "num":
      return String(rng.int(11, 98));
    case "code":
      return String(rng.int(100000, 999999));
    case "ref":
      return rng.int(0x10000000, 0x7fffffff).toString(36);
    case "friend":
      return rng.pick(us ? US_FIRST_NAMES : EU_FIRST_NAMES);
    case "teacher":
      return `${rng.pick(["Mr.", "Ms.", "Mrs."])} ${rng.pick(us ? US_LAST_NAMES : EU_LAST_NAMES)}`;
    case "helpline":
      // Real, free crisis lines: 988 in the US; 116 123 is the EU-wide emotional-support number.
      return us ? "call or text 988" : "call 116 123";
    case "city":
      return rng.pick(us ? SLOT_VALUES.usCity : SLOT_VALUES.euCity);
    case "link":
      return link(rng);
    default: {
      const list = SLOT_VALUES[key as SlotList] as readonly string[] | undefined;
      if (!list) throw new Error(`demo template uses unknown slot {${key}}`);
      return rng.pick(list);
    }
  }
}

function clockTime(rng: Rng, us: boolean): string {
  const hour = rng.int(8, 21);
  const minute = rng.pick([0, 5, 10, 15, 20, 30, 40, 45, 50]);
  const mm = String(minute).padStart(2, "0");
  if (!us) return rng.chance(0.75) ? `${hour}:${mm}` : minute === 30 ? `half ${hour % 12 || 12}` : `${hour}.${mm}`;
  const h12 = hour % 12 || 12;
  return rng.chance(0.5) ? `${h12}:${mm}` : `${h12}:${mm}${hour < 12 ? "am" : "pm"}`;
}

function money(rng: Rng, us: boolean, amount: number): string {
  if (us) return `$${amount}`;
  return rng.chance(0.6) ? `€${amount}` : `${amount}€`;
}

// `.example` is reserved (RFC 2606), so no demo link can ever resolve to a real site.
function link(rng: Rng): string {
  const host = rng.pick(SLOT_VALUES.scamHost);
  const path = rng.pick(["claim", "join", "verify", "bonus", "wallet", "secure-login"]);
  return `https://${host}.example/${path}?id=${rng.int(0x100000, 0xffffff).toString(16)}`;
}
