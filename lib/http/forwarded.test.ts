import { describe, expect, it } from "vitest";
import { clientAddress, isTrusted, normalizeAddress, parseTrustedProxies, servedOverHttps } from "./forwarded.mjs";

// Who the client is, from an attacker's side: anyone can send X-Forwarded-For and
// X-Forwarded-Proto, so only hops vouched for by a configured proxy count.

const none = parseTrustedProxies("");
const lb = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, ::1");

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("203.0.113.9", null, none)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("198.51.100.1", "10.0.0.1", lb)).toBe("198.51.100.1");
  });

  it("takes the hop a trusted proxy reports, walking from the right", () => {
    expect(clientAddress("10.1.1.1", "203.0.113.9", lb)).toBe("203.0.113.9");
    // The client prepended a forged hop; the proxy appended the address it really saw.
    expect(clientAddress("10.1.1.1", "6.6.6.6, 203.0.113.9", lb)).toBe("203.0.113.9");
    // Two trusted proxies in a row, each vouching for the one before.
    expect(clientAddress("10.1.1.1", "6.6.6.6, 203.0.113.9, 192.168.1.7", lb)).toBe("203.0.113.9");
    expect(clientAddress("::1", "  203.0.113.9  ", lb)).toBe("203.0.113.9");
  });

  it("stops at the leftmost hop when every hop is a trusted proxy", () => {
    expect(clientAddress("10.1.1.1", "10.2.2.2", lb)).toBe("10.2.2.2");
  });

  it("does not trust a non-address as a proxy", () => {
    expect(clientAddress("10.1.1.1", "203.0.113.9, garbage", lb)).toBe("garbage");
  });
});

describe("servedOverHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(servedOverHttps("10.1.1.1", false, "https", lb)).toBe(true);
    expect(servedOverHttps("::ffff:10.1.1.1", false, "HTTPS, http", lb)).toBe(true);
    expect(servedOverHttps("198.51.100.1", false, "https", lb)).toBe(false);
    expect(servedOverHttps("10.1.1.1", false, "http", lb)).toBe(false);
    expect(servedOverHttps("10.1.1.1", false, undefined, lb)).toBe(false);
    expect(servedOverHttps("198.51.100.1", true, undefined, none)).toBe(true);
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and ranges of both families, IPv4-mapped peers included", () => {
    const t = parseTrustedProxies("127.0.0.1,fd00::/8 , 172.16.0.0/12");
    expect(isTrusted(t, "127.0.0.1")).toBe(true);
    expect(isTrusted(t, "::ffff:127.0.0.1")).toBe(true);
    expect(isTrusted(t, "127.0.0.2")).toBe(false);
    expect(isTrusted(t, "fd12::1")).toBe(true);
    expect(isTrusted(t, "172.31.255.255")).toBe(true);
    expect(isTrusted(t, "172.32.0.0")).toBe(false);
  });

  it.each(["localhost", "10.0.0.0/33", "10.0.0.0/8/1", "::1/129", "10.0.0.1/x", "1.2.3"])("refuses %s", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(entry);
  });

  it("normalizes IPv4-mapped IPv6 addresses", () => {
    expect(normalizeAddress("::FFFF:1.2.3.4")).toBe("1.2.3.4");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});
