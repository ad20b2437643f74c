import pg from "pg";

/** Runs `fn` with one short-lived pg client (for administration, not application queries). */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(serverUrl: string, name: string, ifMissing = false) {
  await withPgClient(serverUrl, async (c) => {
    if (ifMissing) {
      const r = await c.query("select 1 from pg_database where datname = $1", [name]);
      if (r.rowCount) return;
    }
    await c.query(`create database "${name.replace(/"/g, '""')}"`);
  });
}
