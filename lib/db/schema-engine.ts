import { randomUUID } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's native schema engine cannot be downloaded on our machines, so migrations run
// through the same engine compiled to WebAssembly, talking to PostgreSQL via the pg driver
// adapter. The migrations folder keeps Prisma's format, so `prisma migrate deploy` works
// unchanged wherever the native engine exists.

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

let wasmReady: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

function loadWasm() {
  wasmReady ??= (async () => {
    // The engine reports Rust panics through this global before throwing.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => console.error(`schema engine panic: ${m}`) };
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

// Two fixes to @prisma/adapter-pg for the migration connection only (never the app's client).
// 1. The schema engine's introspection selects PostgreSQL "char" columns (pg_constraint.contype
// and friends), which @prisma/adapter-pg rejects as unsupported. The engine wants them typed as
// Character, so we hand them to the adapter as text and retype the columns afterwards. This
// only touches the migration connection, never the application's client.
type PgField = { dataTypeID: number };
type Result = { columnTypes: number[] };
type Patchable = {
  performIO?: (q: object) => Promise<{ fields: PgField[] }>;
  queryRaw?: (q: object) => Promise<Result>;
  startTransaction?: (...a: unknown[]) => Promise<unknown>;
  executeScript?: (script: string) => Promise<void>;
  underlyingDriver?: () => { query: (sql: string) => Promise<unknown> };
  onError?: (e: unknown) => never;
};
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function adaptForMigrations<T>(queryable: T): T {
  const q = queryable as Patchable;
  const performIO = q.performIO?.bind(q);
  const queryRaw = q.queryRaw?.bind(q);
  if (performIO && queryRaw) {
    const charColumns = new WeakMap<object, number[]>();
    q.performIO = async (query) => {
      const res = await performIO(query);
      const cols: number[] = [];
      res.fields.forEach((f, i) => {
        if (f.dataTypeID === PG_CHAR_OID) {
          f.dataTypeID = PG_TEXT_OID;
          cols.push(i);
        }
      });
      if (cols.length) charColumns.set(query, cols);
      return res;
    };
    q.queryRaw = async (query) => {
      const res = await queryRaw(query);
      for (const i of charColumns.get(query) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
      return res;
    };
  }
  // The adapter splits scripts on every ";", which breaks function bodies such as the
  // append-only triggers. PostgreSQL's simple-query protocol takes the whole script at once
  // (in one implicit transaction), which is also what the native engine does.
  if (q.executeScript && q.underlyingDriver && q.onError) {
    const driver = q.underlyingDriver();
    const onError = q.onError.bind(q);
    q.executeScript = async (script) => {
      try {
        await driver.query(script);
      } catch (e) {
        onError(e);
      }
    };
  }
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) q.startTransaction = async (...a) => adaptForMigrations(await startTransaction(...a));
  return queryable;
}

function migrationAdapterFactory(connectionString: string) {
  const factory = new PrismaPg({ connectionString, max: 2 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => adaptForMigrations(await connect());
  factory.connectToShadowDb = async () => adaptForMigrations(await connectToShadowDb(connectionString, connect));
  return bindMigrationAwareSqlAdapterFactory(factory);
}

// @prisma/adapter-pg creates the shadow database but then connects with the same
// connectionString, whose database name wins over the one it sets, so `migrate diff` replayed
// the migrations into the database it was diffing. Connect to the shadow database by URL.
async function connectToShadowDb(connectionString: string, connect: () => Promise<{ executeScript: (s: string) => Promise<void>; dispose: () => Promise<void> }>) {
  const admin = await connect();
  const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
  await admin.executeScript(`CREATE DATABASE "${name}"`);
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  const shadow = await new PrismaPg({ connectionString: url.toString(), max: 2 }).connect();
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.dispose();
  };
  return shadow;
}

export async function withSchemaEngine<T>(
  connectionString: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  datamodel?: string,
): Promise<T> {
  const bg = await loadWasm();
  const adapter = migrationAdapterFactory(connectionString);
  const datamodels: [string, string][] | undefined = datamodel ? [[SCHEMA_PATH, datamodel]] : undefined;
  const engine = await bg.SchemaEngine.new({ datamodels }, () => {}, adapter);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export async function readMigrationsList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const migrationDirectories = [];
  for (const name of entries.sort()) {
    if (!(await stat(path.join(dir, name))).isDirectory()) continue;
    const file = path.join(dir, name, "migration.sql");
    const content = await readFile(file, "utf8").then(
      (ok) => ({ tag: "ok" as const, value: ok }),
      (err: Error) => ({ tag: "error" as const, value: err.message }),
    );
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  const lockPath = path.join(dir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
