import "server-only";
import type { z } from "zod";
import type { Db } from "@/lib/db";
import { ingestAccounts } from "./accounts";
import { ingestAppeal } from "./appeals";
import { ingestMessages } from "./messages";
import { ingestReport } from "./reports";
import { intakeTransaction, sqlIntakeTransaction } from "./run-intake";
import { accountsBatch, appealBody, messagesBatch, reportBody } from "./schemas";

// The intake without HTTP, for the demo seed, the benchmarks and the tests: the same wire
// schemas and the same ingestion, one transaction per call, but no signature, replay check
// or counters (those belong to requests).

export const pushAccounts = (db: Db, input: z.input<typeof accountsBatch>) => intakeTransaction(db, (tx) => ingestAccounts(tx, accountsBatch.parse(input)));
// Messages go through the pg pool the intake route uses (lib/db.ts), whatever `db` is: the same one in every caller.
export const pushMessages = (_db: Db, input: z.input<typeof messagesBatch>) => sqlIntakeTransaction((sql) => ingestMessages(sql, messagesBatch.parse(input)));
export const pushReport = (db: Db, input: z.input<typeof reportBody>) => intakeTransaction(db, (tx) => ingestReport(tx, reportBody.parse(input)));
export const pushAppeal = (db: Db, input: z.input<typeof appealBody>) => intakeTransaction(db, (tx) => ingestAppeal(tx, appealBody.parse(input)));
