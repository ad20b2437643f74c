// The shape of an incident script and the helpers the script files write lines with. Roles: "A"
// wrote the reported messages, "R" received them and is who reports, "B" is a bystander in a
// group (lines for B are dropped in a one-to-one thread). Only lines marked bad can be reported,
// so a report always points at a genuinely bad message.

export type ScriptRole = "A" | "R" | "B";
export type ScriptLine = { role: ScriptRole; text: string; bad: boolean };
export type Script = {
  lines: readonly ScriptLine[];
  /** What the reporter might type into the report form, in their own words ("{a}": reported person). */
  reports: readonly string[];
  /** Needs a bystander (a group thread). */
  groupOnly?: boolean;
  /** Who the recipient must be for the scenario to make sense (a landlord row, "after school"). */
  audience?: "adults" | "minors";
};

/** A reportable line by the author. */
export const bad = (text: string): ScriptLine => ({ role: "A", text, bad: true });
/** An ordinary line by the author (the friendly opener before a scam, say). */
export const a = (text: string): ScriptLine => ({ role: "A", text, bad: false });
export const r = (text: string): ScriptLine => ({ role: "R", text, bad: false });
export const b = (text: string): ScriptLine => ({ role: "B", text, bad: false });
