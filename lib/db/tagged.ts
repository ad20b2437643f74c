import type pg from "pg";

// One tagged-template query function over either driver, for code that must run on the intake's
// plain pg transaction (its hot path: no Prisma query compilation per statement) and also
// inside a Prisma transaction (the upload route, tests). Values are parameters, never spliced:
// sql`… WHERE id = ANY(${ids}::uuid[])`. Rows come back as the driver gives them: cast what
// the two drivers would return differently (bigint, bytea) in the SQL itself.

export type Sql = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

const texts = new WeakMap<TemplateStringsArray, string>();

function numbered(strings: TemplateStringsArray): string {
  let text = texts.get(strings);
  if (text === undefined) {
    text = strings.reduce((acc, s, i) => `${acc}$${i}${s}`);
    texts.set(strings, text);
  }
  return text;
}

/** Statements on one pg client (the caller owns its transaction). */
export function pgSql(client: Pick<pg.ClientBase, "query">): Sql {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await client.query(numbered(strings), values)).rows as T[];
}

type RawCapable = { $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> };

/** Statements through Prisma (a client or an interactive transaction). */
export function prismaSql(db: RawCapable): Sql {
  return <T>(strings: TemplateStringsArray, ...values: unknown[]) => db.$queryRaw<T[]>(strings, ...values);
}
