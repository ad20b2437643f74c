// Text normalisation for matching, applied alike to rule terms and to messages, so that what a
// rule says and what a sender writes meet in one spelling:
//   - compatibility decomposition (NFKD) with the combining marks dropped: "Ｉｄｉｏｔ", "idíot" → "idiot";
//   - invisible format characters (zero-width spaces and joiners, U+00AD) dropped, so "id\u200Biot" is "idiot";
//   - case folded (lower case, ß → ss);
//   - common character swaps read as letters: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s;
//   - "i" and "l" are one letter, because "1" stands for either ("k1ll", "1oser");
//   - repeated letters collapsed: "stuuupiddd" → "stupid" (and "kill" → "kil": both sides collapse);
//   - anything that is not a letter or digit separates words; the result is the words joined by
//     single spaces, with a space at each end, so a term matches only whole words.
// Linear in the text's length: one native normalize() when the text is not ASCII, then one pass.

const SEPARATOR = 0x20;

/** ASCII code → the normalised code (0: a separator). Built once. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z0-9]/.test(ch)) ASCII[c] = c;
  else if (/[A-Z]/.test(ch)) ASCII[c] = c + 32;
}
const SWAPS: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", l: "i", L: "i" };
for (const [from, to] of Object.entries(SWAPS)) ASCII[from.charCodeAt(0)] = to.charCodeAt(0);

const MARKS_OR_FORMAT = /[\p{M}\p{Cf}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** The normalised form of a text or term: " word word … " (a lone " " when nothing is left). */
export function normalise(text: string): string {
  let s = text;
  if (NON_ASCII.test(s)) {
    s = s.normalize("NFKD").replace(MARKS_OR_FORMAT, "").toLowerCase().replaceAll("ß", "ss").replaceAll("ſ", "s");
  }
  let out = " ";
  let prev = SEPARATOR;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let n: number;
    let ch: string | null = null;
    if (c < 128) n = ASCII[c]!;
    else {
      // A surrogate pair is one character: a letter of an astral script stays, an emoji separates.
      const cp = s.codePointAt(i)!;
      ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      n = WORD_CHAR.test(ch) ? cp : 0;
    }
    if (n === 0) n = SEPARATOR;
    if (n === prev) continue;
    prev = n;
    out += n === SEPARATOR ? " " : (ch ?? String.fromCharCode(n));
  }
  return prev === SEPARATOR ? out : `${out} `;
}

/** How many words a normalised text or term holds. */
export function wordCount(normalised: string): number {
  let n = 0;
  for (let i = 1; i < normalised.length; i++) if (normalised.charCodeAt(i) === SEPARATOR) n++;
  return n;
}
