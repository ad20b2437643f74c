// Who is on the other end of a request, decided once for the custom server (lib/cli/serve.mjs,
// which sees the socket) and the application (which sees only headers). Plain JavaScript so the
// server can import it without a compiler; the types are in forwarded.d.mts.
//
// X-Forwarded-For and X-Forwarded-Proto are believed only from CUSTODY_TRUSTED_PROXIES: anyone
// can send them, and a forged client address would forge the access log's IP HMAC and dodge the
// per-client sign-in throttle. With no trusted proxies the client is the socket's peer.
import { BlockList, isIP } from "node:net";

/** The header serve.mjs sets on every request after deleting any copy the client sent. */
export const PEER_HEADER = "x-custody-peer";

/** The IPv4 address inside an IPv4-mapped IPv6 address, so one client has one spelling. */
export function normalizeAddress(address) {
  const a = String(address ?? "").trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  return mapped ? mapped[1] : a;
}

/** Parses "10.0.0.0/8, 192.168.1.7, ::1" into a matcher; throws naming the first bad entry. */
export function parseTrustedProxies(list) {
  const trusted = new BlockList();
  for (const raw of String(list ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits, extra] = entry.split("/");
    const family = isIP(normalizeAddress(address));
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !/^\d+$/.test(bits ?? "0") || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    trusted.addSubnet(normalizeAddress(address), prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return trusted;
}

export function isTrusted(trusted, address) {
  const a = normalizeAddress(address);
  const family = isIP(a);
  return family !== 0 && trusted.check(a, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: walk from the socket's peer back through X-Forwarded-For (right to
 * left, nearest hop first); each trusted proxy vouches for the hop before it, and the first
 * address that is not a trusted proxy is the client.
 */
export function clientAddress(peer, forwardedFor, trusted) {
  const hops = [peer, ...String(forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean).reverse()].map(normalizeAddress);
  let i = 0;
  while (i < hops.length - 1 && isTrusted(trusted, hops[i])) i++;
  return hops[i];
}

/** Whether the request reached us over TLS: our own socket, or a trusted proxy that says so. */
export function servedOverHttps(peer, socketEncrypted, forwardedProto, trusted) {
  if (socketEncrypted) return true;
  // The first value is the outermost proxy's, the one that terminated TLS (as Express reads it).
  const proto = String(forwardedProto ?? "").split(",")[0]?.trim().toLowerCase();
  return proto === "https" && isTrusted(trusted, peer);
}
