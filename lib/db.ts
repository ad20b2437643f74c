import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One Prisma client per process. It connects as the application role, which may only
// INSERT and SELECT on the access log.
const globalForDb = globalThis as unknown as { custodyDb?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.custodyDb ??= createClient();
  return globalForDb.custodyDb;
}

export async function disconnectDb() {
  await globalForDb.custodyDb?.$disconnect();
  globalForDb.custodyDb = undefined;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
