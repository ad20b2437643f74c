import { createRequire } from "node:module";

// Run Next's CLI with this Node directly (not through npx), so that a signal sent to the child
// reaches the server itself and no wrapper process is left behind.
export function nextCommand(...args: string[]): [string, string[]] {
  const require = createRequire(import.meta.url);
  return [process.execPath, [require.resolve("next/dist/bin/next"), ...args]];
}
