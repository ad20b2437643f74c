import "server-only";
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { PEER_HEADER, clientAddress } from "./forwarded.mjs";

// The client as the access log and the sign-in throttle know it. Route handlers never see the
// socket, so lib/cli/serve.mjs stamps each request with "<token> <peer> <http|https>", where the
// token is a random value it puts in this process's environment at start-up: a copy sent by a
// client (or reaching a server not started by serve.mjs, such as the tests' `next start`) lacks
// it and is ignored, and then the address is unknown rather than taken from a forgeable header.

export type Client = { ip: string | null; https: boolean };

const UNKNOWN: Client = { ip: null, https: false };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function clientOf(headers: Headers): Client {
  const stamp = headers.get(PEER_HEADER);
  const { CUSTODY_PEER_TOKEN: token, trustedProxies } = env();
  if (!stamp || !token) return UNKNOWN;
  const [given, peer, proto, extra] = stamp.split(" ");
  if (!given || !peer || extra !== undefined || !sameToken(given, token)) return UNKNOWN;
  const https = proto === "https";
  return { ip: isIP(peer) ? clientAddress(peer, headers.get("x-forwarded-for"), trustedProxies) : null, https };
}
