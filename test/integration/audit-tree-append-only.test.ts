import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sealer } from "@/lib/log/sealer/sealer";
import { type LogDb, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// The tree that seals the log is as append-only as the log: the application role (which runs
// the in-server sealer) may only INSERT and SELECT, and ENABLE ALWAYS triggers refuse changes
// even from the owner in replica mode. Only the sealer's state row may be updated.

let d: LogDb;
beforeAll(async () => {
  d = await freshLogDb();
  await appendEvents(d, 20);
  await new Sealer({ connectionString: d.appUrl, config: d.config, log: () => {} }).sealAll();
  await d.app.query("INSERT INTO audit_export_manifest (export_id, manifest) VALUES (gen_random_uuid(), 'm')");
});
afterAll(async () => {
  await d.drop();
  await dropTemplate();
});

const TABLES = ["audit_leaf", "audit_checkpoint", "audit_subtree", "audit_export_manifest"];
const changes = (table: string) => [
  ["UPDATE", `UPDATE ${table} SET ${table === "audit_export_manifest" ? "manifest = 'x'" : table === "audit_subtree" ? "hash = '\\x00'" : table === "audit_leaf" ? "leaf_hash = '\\x00'" : "note = 'x'"}`],
  ["DELETE", `DELETE FROM ${table}`],
  ["TRUNCATE", `TRUNCATE ${table}`],
];

describe.each(TABLES)("%s", (table) => {
  it.each(changes(table))("refuses %s from the application role", async (_op, sql) => {
    await expect(d.app.query(sql)).rejects.toThrow(/permission denied/);
  });

  it.each(changes(table))("refuses %s from the owner, even in replica mode", async (_op, sql) => {
    const c = await d.owner.connect();
    try {
      await c.query("SET session_replication_role = replica");
      await expect(c.query(sql)).rejects.toThrow(/append-only/);
    } finally {
      c.release();
    }
  });
});

describe("audit_sealer_state", () => {
  it("may be updated by the application role (the sealer) but never deleted", async () => {
    await expect(d.app.query("UPDATE audit_sealer_state SET updated_at = now() WHERE id = 1")).resolves.toBeDefined();
    await expect(d.app.query("DELETE FROM audit_sealer_state")).rejects.toThrow(/permission denied/);
    await expect(d.owner.query("DELETE FROM audit_sealer_state")).rejects.toThrow(/append-only/);
    await expect(d.owner.query("INSERT INTO audit_sealer_state (id, tree_size, floor_seq) VALUES (2, 0, 0)")).rejects.toThrow(/single_row/);
  });
});
