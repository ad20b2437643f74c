// Hand-written statements with named placeholders. `sql` numbers the placeholders $1…$n once,
// when the statement is built, one number per name however often it is used; `bind` then only
// lays a call's values out in that order. So the text is identical on every call and a named
// pg prepared statement is parsed and planned once per connection.

/** A named value of the statement; `V` is the type the caller must supply for it. */
export class Param<K extends string, V> {
  declare readonly value: V;
  constructor(
    readonly name: K,
    /** For a spliced fragment: its own SQL, numbered $1…$count, renumbered into the statement. */
    readonly spliced?: { text: string; count: number },
  ) {}
}

type AnyParam = Param<string, unknown>;
type Chunk = string | AnyParam;
type Part = AnyParam | Fragment<AnyParam> | Raw;

/** SQL text spliced in as it is: only for fragments Custody writes itself, never for input. */
export class Raw {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new Raw(text);

/** The placeholders of a params type, by name: `p.grantId` in a template becomes `$n`. */
export function placeholders<P extends Record<string, unknown>>(): { readonly [K in keyof P & string]: Param<K, P[K]> } {
  return new Proxy({} as { readonly [K in keyof P & string]: Param<K, P[K]> }, { get: (_, name) => new Param(String(name)) });
}

/**
 * A fragment that already numbers its own placeholders $1…$count (an insert built elsewhere),
 * bound from one array value under `name`.
 */
export function spliced<K extends string>(name: K, fragment: { text: string; count: number }): Param<K, readonly unknown[]> {
  return new Param(name, fragment);
}

type ParamsOf<T> = T extends Fragment<infer Q> ? Q : T extends AnyParam ? T : never;
/** The values a statement needs, one property per placeholder name. */
export type Values<Q extends AnyParam> = { [X in Q as X["name"]]: X["value"] };

// A spliced fragment's only `$` are its placeholders: Custody builds it, with no dollar quoting.
function renumber(fragment: { text: string; count: number }, first: number): string {
  return fragment.text.replace(/\$(\d+)/g, (_, n: string) => {
    if (Number(n) < 1 || Number(n) > fragment.count) throw new Error(`spliced SQL names $${n} but has ${fragment.count} placeholders`);
    return `$${first + Number(n) - 1}`;
  });
}

export class Fragment<Q extends AnyParam> {
  readonly text: string;
  private readonly slots: { name: string; index: number | null }[] = [];

  constructor(readonly chunks: readonly Chunk[]) {
    const numbers = new Map<string, number>();
    let text = "";
    for (const c of chunks) {
      if (typeof c === "string") {
        text += c;
        continue;
      }
      let first = numbers.get(c.name);
      if (first === undefined) {
        first = this.slots.length + 1;
        numbers.set(c.name, first);
        if (c.spliced) for (let i = 0; i < c.spliced.count; i++) this.slots.push({ name: c.name, index: i });
        else this.slots.push({ name: c.name, index: null });
      }
      text += c.spliced ? renumber(c.spliced, first) : `$${first}`;
    }
    this.text = text;
  }

  /** The values in placeholder order, for `client.query({ name, text, values })`. */
  values(params: Values<Q>): unknown[] {
    const byName = params as Record<string, unknown>;
    return this.slots.map((s) => (s.index === null ? byName[s.name] : (byName[s.name] as readonly unknown[])[s.index]));
  }

  bind(params: Values<Q>): { text: string; values: unknown[] } {
    return { text: this.text, values: this.values(params) };
  }
}

/** Builds a statement (or a fragment of one, to interpolate into another) from a template. */
export function sql<T extends Part[]>(strings: TemplateStringsArray, ...parts: T): Fragment<ParamsOf<T[number]>> {
  const chunks: Chunk[] = [strings[0]!];
  parts.forEach((part, i) => {
    if (part instanceof Fragment) chunks.push(...part.chunks);
    else if (part instanceof Raw) chunks.push(part.text);
    else chunks.push(part);
    chunks.push(strings[i + 1]!);
  });
  return new Fragment(chunks);
}
