// npm run docs:policy — writes docs/access-policy.md from lib/policy/ (see policy-doc.ts).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { renderPolicyDoc } from "../policy/policy-doc";

const file = path.resolve("docs/access-policy.md");
await writeFile(file, renderPolicyDoc());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
