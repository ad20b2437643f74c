import { defineConfig } from "prisma/config";

// The CLI only needs the schema for `prisma generate`. Migrations are applied by
// lib/db/migrate.ts through Prisma's WebAssembly schema engine (no native engine
// download), from the same prisma/migrations folder that `prisma migrate deploy` reads.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/custody" },
});
