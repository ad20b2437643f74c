// npm run witness -- --key FILE --log VKEY [--log VKEY…] --port P [--name NAME] [--store FILE] [--host H]
//   runs a standalone C2SP tlog-witness (POST /add-checkpoint) for the logs whose verifier keys
//   are given (`npm run audit:verify -- --print-public-key` prints Custody's). The key file is
//   created with a fresh Ed25519 key on first use; the witness's state (latest cosigned
//   checkpoint per log, fork evidence) is kept in --store (default: witness-state.json beside
//   the key). On start it prints its own verifier key (cosignature/v1, type 0x04), which the
//   log operator puts in CUSTODY_WITNESSES and auditors pass to audit:verify --witness.
//   --print-vkey prints that key and exits.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseVerifierKey } from "@/lib/log/checkpoints/signed-note";
import { loadSigningKey } from "@/lib/log/checkpoints/signing-key";
import { cosignerVerifierKey } from "@/lib/log/witness/cosignature";
import { createWitnessServer } from "@/lib/log/witness/witness-server";
import { WitnessStore } from "@/lib/log/witness/witness-store";

const USAGE = "usage: npm run witness -- --key FILE --log VKEY [--log VKEY…] --port P [--name NAME] [--store FILE] [--host 127.0.0.1] [--print-vkey]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      key: { type: "string" },
      log: { type: "string", multiple: true },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      name: { type: "string", default: "witness.custody.local" },
      store: { type: "string" },
      "print-vkey": { type: "boolean" },
    },
  });
  if (!values.key) return usage("--key FILE is required");
  const keyFile = path.resolve(values.key);
  const signer = await loadSigningKey({ file: keyFile, keyName: values.name });
  const vkey = cosignerVerifierKey(values.name, signer.publicKey);
  if (values["print-vkey"]) {
    console.log(vkey);
    return 0;
  }
  const logs = (values.log ?? []).map((v) => parseVerifierKey(existsSync(v) ? readFileSync(v, "utf8") : v));
  if (logs.length === 0) return usage("at least one --log VKEY is required");
  const port = Number(values.port);
  // 0 asks the OS for a free port; the line below prints the one it gave.
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port === undefined) return usage("--port must be a TCP port number (0: any free one)");
  const store = await new WitnessStore(path.resolve(values.store ?? path.join(path.dirname(keyFile), "witness-state.json"))).load();
  const server = createWitnessServer({ name: values.name, privateKey: signer.privateKey, logs, store });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, values.host, resolve);
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  console.log(`[witness] ${values.name} listening on http://${values.host}:${bound}/add-checkpoint`);
  console.log(`[witness] verifier key: ${vkey}`);
  console.log(`[witness] logs: ${logs.map((l) => l.name).join(", ")}; state: ${store.file}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
  return -1;
}

function usage(why: string): number {
  console.error(`${why}\n${USAGE}`);
  return 2;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
