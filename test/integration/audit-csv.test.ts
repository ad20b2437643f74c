import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { planExport } from "@/lib/audit/export/export-plan";
import { exportStream } from "@/lib/audit/export/export-stream";
import { Sealer } from "@/lib/log/sealer/sealer";
import { verifyCsvFile } from "@/lib/log/verify/verify-export-file";
import { HOSTILE_TEXTS, inertCell } from "./audit-fixtures";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// A CSV export of events whose justifications and user agents were typed to break CSV: line
// breaks inside cells, quotes, commas, and leading characters that spreadsheets run as
// formulas. The export must verify against its signed manifest (a record is counted as a
// record, not as a line), and every cell must read back as the text that was logged, made
// inert where it would otherwise run.

const dbs: LogDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});
afterAll(() => dropTemplate());

async function csvExport(d: LogDb): Promise<{ body: string; manifest: string }> {
  const plan = await planExport(d.app, d.directory, { format: "csv", conditions: [] });
  let manifest = "";
  const stream = exportStream({
    db: d.app,
    plan,
    exportId: "00000000-0000-4000-8000-000000000001",
    origin: TEST_ORIGIN,
    exportedAt: new Date().toISOString(),
    signer: d.signer,
    onComplete: async (note) => void (manifest = note),
  });
  const body = await new Response(stream).text();
  return { body, manifest };
}

describe("a CSV export with hostile justifications", () => {
  it("verifies against its manifest, and every cell reads back as inert text", async () => {
    const d = await freshLogDb();
    dbs.push(d);
    await appendEvents(d, 5);
    for (const text of HOSTILE_TEXTS) {
      await d.app.query(
        "INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids, justification, user_agent) VALUES ('CONTENT_READ', 'ALLOWED', '{REVIEWER}', '{}', '{}', $1, $1)",
        [text],
      );
    }
    await new Sealer({ connectionString: d.appUrl, config: d.config, log: () => {} }).sealAll();
    // One more, unsealed: its row is shorter and it too must be counted.
    await d.app.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids, justification) VALUES ('CONTENT_READ', 'ALLOWED', '{}', '{}', '{}', $1)", [HOSTILE_TEXTS[0]]);

    const { body, manifest } = await csvExport(d);
    const file = path.join(d.config.checkpointDir, "..", `${d.name}.csv`);
    await writeFile(file, body);
    const events = 5 + HOSTILE_TEXTS.length + 1;
    expect(await verifyCsvFile(file, { verifierKey: d.signer.verifierKey, manifest })).toMatchObject({ ok: true, events });

    const records = parse(body, { columns: true, relax_column_count: true }) as Record<string, string>[];
    expect(records).toHaveLength(events);
    const sealed = records.filter((r) => r.status === "sealed").slice(5);
    expect(sealed.map((r) => r.justification)).toEqual(HOSTILE_TEXTS.map(inertCell));
    expect(sealed.map((r) => r.user_agent)).toEqual(HOSTILE_TEXTS.map(inertCell));
    expect(records.at(-1)).toMatchObject({ status: "unsealed", justification: HOSTILE_TEXTS[0] });

    // Any change to the bytes is caught by the manifest's hash.
    await writeFile(file, body.replace("second line of the note", "second line of the n0te"));
    expect(await verifyCsvFile(file, { verifierKey: d.signer.verifierKey, manifest })).toMatchObject({ ok: false, kind: "manifest" });
  });
});
