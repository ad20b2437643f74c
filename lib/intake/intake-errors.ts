import type { z } from "zod";
import { BadRequestError, type ErrorWhere } from "@/lib/errors";
import { isSafeText, SAFE_TEXT_MESSAGE } from "@/lib/validation/safe-text";

// The intake's refusals name the item of the batch and the field at fault
// (`{ item: 3, field: "messages[3].senderId" }`), so a platform can fix one message rather
// than guess. Nothing of a refused batch is stored; these are thrown before or inside its
// transaction, which then rolls back.

/** `["messages", 3, "senderId"]` → "messages[3].senderId". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/** Where in a batch a path points: the index in the top-level list, and the field. */
export function whereOf(path: readonly PropertyKey[]): ErrorWhere {
  const item = typeof path[0] === "string" && typeof path[1] === "number" ? path[1] : undefined;
  return { ...(item === undefined ? {} : { item }), field: fieldPath(path) || "body" };
}

/** A refusal about one field of one item. */
export function refuse(code: string, path: readonly PropertyKey[], message: string): BadRequestError {
  const where = whereOf(path);
  return new BadRequestError(`${where.field}: ${message}`, code, where);
}

/** Parses an intake body, naming the first field at fault. */
export function parseIntakeBody<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  if (!first) throw new BadRequestError("The body does not match the schema.");
  // An unknown key is reported on its own field, not on the object holding it.
  const path = first.code === "unrecognized_keys" && first.keys[0] ? [...first.path, first.keys[0]] : first.path;
  throw refuse("BAD_REQUEST", path, first.message);
}

/** Deeper than any intake schema nests (a batch's image is five levels down). */
const MAX_DEPTH = 16;

type Node = { value: unknown; key: PropertyKey | null; parent: Node | null; depth: number };
const pathOf = (n: Node): PropertyKey[] => {
  const out: PropertyKey[] = [];
  for (let at: Node | null = n; at && at.key !== null; at = at.parent) out.unshift(at.key);
  return out;
};

/**
 * Finds the first string or key anywhere in a parsed JSON body that PostgreSQL could not hold
 * as sent (U+0000, a lone surrogate), including keys the schema would drop, and refuses
 * nesting deeper than any schema reads. Iterative, so a hostile depth cannot exhaust the stack.
 */
export function assertSafeTextDeep(root: unknown): void {
  const stack: Node[] = [{ value: root, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === "string") {
      if (!isSafeText(value)) throw refuse("UNSAFE_TEXT", pathOf(node), SAFE_TEXT_MESSAGE);
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (node.depth >= MAX_DEPTH) throw refuse("TOO_DEEP", pathOf(node), `nested deeper than ${MAX_DEPTH} levels`);
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k] of entries) if (typeof k === "string" && !isSafeText(k)) throw refuse("UNSAFE_TEXT", pathOf(node), `a key ${SAFE_TEXT_MESSAGE}`);
    // Pushed in reverse, so the first field at fault is the first reported.
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node, depth: node.depth + 1 });
  }
}
