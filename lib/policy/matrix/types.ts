import type { PolicyDecision } from "../reasons";
import { ROLES, type Role } from "../roles";

// Shared pieces of the exhaustive permission matrix (../permission-matrix.test.ts). Each
// layer lists every combination of the facts its decision depends on, with the decision the
// brief expects, written down independently of the implementation as an ordered list of
// "if this fails, refuse with that reason" checks.

/** `actual` and `expected` are "ALLOWED" (sometimes with details) or the denial reason. */
export type MatrixCase = { name: string; actual: () => string; expected: string };

/** "ALLOWED" or the denial reason: the one string a case is compared on. */
export function outcome(d: PolicyDecision<object>): string {
  return d.allow ? "ALLOWED" : d.reason;
}

/** The first failing check's reason, or ALLOWED. */
export function firstFailing(checks: readonly (readonly [boolean, string])[]): string {
  return checks.find(([ok]) => !ok)?.[1] ?? "ALLOWED";
}

/** Every subset of the five roles (32, including none). */
export const ALL_ROLE_SETS: Role[][] = Array.from({ length: 1 << ROLES.length }, (_, mask) => ROLES.filter((_, i) => mask & (1 << i)));

/** Single roles plus the multi-role sets that matter (legitimate and conflicting). */
export const ROLE_SAMPLES: Role[][] = [
  ["REVIEWER"],
  ["LEAD"],
  ["LEGAL"],
  ["AUDITOR"],
  ["ADMIN"],
  ["REVIEWER", "LEAD"],
  ["LEGAL", "REVIEWER"],
  ["AUDITOR", "REVIEWER"],
  ["ADMIN", "LEGAL"],
  ["AUDITOR", "ADMIN"],
  [],
];

const CONTENT = ["REVIEWER", "LEAD", "LEGAL"];
export const conflicting = (roles: readonly Role[]) => (roles.includes("AUDITOR") || roles.includes("ADMIN")) && roles.some((r) => CONTENT.includes(r));

export function product<T extends Record<string, readonly unknown[]>>(dims: T): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(dims)) out = out.flatMap((o) => values.map((v) => ({ ...o, [key]: v })));
  return out as { [K in keyof T]: T[K][number] }[];
}

export const ME = "00000000-0000-7000-8000-00000000000a";
export const OTHER = "00000000-0000-7000-8000-00000000000b";
export const LINKED_ACCOUNT = "00000000-0000-7000-8000-0000000000ac";
export const NOW = new Date("2026-11-22T12:00:00Z");
export const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
