import "server-only";
import { createHmac, hkdfSync, randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { clientOf } from "./client-address";

// Who made a request, as the access log records it. The IP address is kept only as an HMAC
// so the log can link events from one address without holding the address itself.
export type RequestMeta = { requestId: string; ipHmac: string | null; userAgent: string | null };

let ipKey: Buffer | undefined;

function ipHmacKey() {
  ipKey ??= Buffer.from(hkdfSync("sha256", env().NEXTAUTH_SECRET, "custody", "access-log ip hmac", 32));
  return ipKey;
}

export function hmacIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return createHmac("sha256", ipHmacKey()).update(ip).digest("base64url");
}

export function requestMetaFrom(headers: Headers): RequestMeta {
  const { ip } = clientOf(headers);
  const requestId = headers.get("x-request-id");
  return {
    requestId: requestId && /^[\w.-]{1,100}$/.test(requestId) ? requestId : randomUUID(),
    ipHmac: hmacIp(ip),
    userAgent: headers.get("user-agent")?.slice(0, 400) ?? null,
  };
}
