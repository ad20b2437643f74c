import "server-only";
import type { DeliveryState } from "@/lib/dto";
import { outboxConfig } from "./config";

// A delivery row as the pages show it. Whether an endpoint is configured is this server's
// setting: a decision queued on a deployment without one is waiting for that, not failing.

export const DELIVERY_SELECT = { status: true, attempts: true, deliveredAt: true, lastAttemptAt: true, lastError: true, nextAttemptAt: true, givenUpAt: true } as const;

type Row = { status: DeliveryState["status"]; attempts: number; deliveredAt: Date | null; lastAttemptAt: Date | null; lastError: string | null; nextAttemptAt: Date | null; givenUpAt: Date | null };

export function endpointConfigured(): boolean {
  return outboxConfig().webhookUrl !== null;
}

export function toDeliveryState(row: Row, configured: boolean = endpointConfigured()): DeliveryState {
  return {
    status: row.status,
    attempts: row.attempts,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    givenUpAt: row.givenUpAt?.toISOString() ?? null,
    endpointConfigured: configured,
  };
}
