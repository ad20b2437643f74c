import "server-only";
import { getDb } from "@/lib/db";

export async function checkHealth(): Promise<{ ok: boolean; database: "up" | "down" }> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  }
}
