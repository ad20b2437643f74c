// npm run staff:create -- --email a@example.com --role ADMIN [--name "A. Admin"] [--region EU]...
//   [--allow-with-admin] [--password-stdin]
// Creates a staff member on the configured database (DATABASE_URL, or the embedded one): the
// first admin of a deployment whose people sign in by SSO. It works only while no active admin
// exists, or with --allow-with-admin; either way it is an access-log event
// (STAFF_CREATED_BY_OPERATOR), refusals included. --password-stdin reads an initial password
// (for password sign-in) from standard input, never from the command line, where `ps` shows it.
// Exit status: 0 created, 1 refused or failed, 2 bad arguments.
import os from "node:os";
import { parseArgs } from "node:util";
import { ZodError, z } from "zod";
import { cliDatabase } from "./cli-database";

const USAGE = "usage: npm run staff:create -- --email EMAIL --role ROLE [--role ROLE]... [--name NAME] [--region REGION]... [--allow-with-admin] [--password-stdin]";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string", multiple: true },
        region: { type: "string", multiple: true },
        "allow-with-admin": { type: "boolean" },
        "password-stdin": { type: "boolean" },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\n${USAGE}`);
    return 2;
  }
  const email = values.email ?? "";
  const raw = {
    email,
    name: values.name ?? email.split("@")[0] ?? "",
    roles: (values.role ?? []).map((r) => r.toUpperCase()),
    regions: (values.region ?? []).map((r) => r.toUpperCase()),
    allowWithAdmin: values["allow-with-admin"] ?? false,
    password: values["password-stdin"] ? await readStdin() : undefined,
  };
  const db = await cliDatabase();
  process.env.DATABASE_URL = db.appUrl;
  // lib/env.ts wants a session secret; this command signs nothing.
  process.env.NEXTAUTH_SECRET ??= "staff-create-cli-does-not-sign-sessions-0000";
  const { getDb, disconnectDb } = await import("@/lib/db");
  const { createStaffFromCli, operatorStaffInput, OperatorStaffRefused } = await import("@/lib/staff/create-staff-from-cli");
  try {
    const checked = operatorStaffInput.safeParse(raw);
    if (!checked.success) {
      console.error(`${z.prettifyError(checked.error)}\n${USAGE}`);
      return 2;
    }
    const staff = await createStaffFromCli(getDb(), checked.data, `cli:${os.userInfo().username}`);
    console.log(`created staff ${staff.email} (${staff.id}) with ${raw.roles.join(", ")}`);
    return 0;
  } catch (err) {
    if (err instanceof OperatorStaffRefused) console.error(`refused (${err.reason}): ${err.message}`);
    else if (err instanceof ZodError) console.error(z.prettifyError(err));
    else console.error(err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await disconnectDb();
    await db.close();
  }
}

process.exit(await main());
