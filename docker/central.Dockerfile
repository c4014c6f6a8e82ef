# syntax=docker/dockerfile:1.7
# Printbeat central: NestJS service (web + agent gateway) serving the portal build.
#
#   docker build -f docker/central.Dockerfile -t printbeat/central:0.1.0 .
#   docker build -f docker/central.Dockerfile --target migrate -t printbeat/central-migrate:0.1.0 .
#
# The build context is the repository root (see /.dockerignore). Production needs an external
# PostgreSQL: the image refuses to start without DATABASE_URL (the embedded PostgreSQL used for
# development is not shipped in it).

# Pin the Node base; a release pipeline should pin it further by digest.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- manifests: the lockfile and every workspace manifest, so installs cache on them only -----
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Every workspace's package.json must be here or `npm ci` rejects the lockfile
# (tools/infra-check verifies this list against the repository).
COPY package.json package-lock.json .npmrc ./
COPY libs/domain/package.json libs/domain/
COPY libs/payload/package.json libs/payload/
COPY libs/pki/package.json libs/pki/
COPY libs/printer-mib/package.json libs/printer-mib/
COPY apps/agent/package.json apps/agent/
COPY apps/central/package.json apps/central/
COPY apps/portal/package.json apps/portal/
COPY tools/printer-sim/package.json tools/printer-sim/
COPY tools/smtp-sink/package.json tools/smtp-sink/
COPY tools/infra-check/package.json tools/infra-check/

# --- deps: the full dependency tree -----------------------------------------------------------
FROM manifests AS deps
# Scripts are run explicitly below once the sources are in (the root postinstall needs them).
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

# --- build: TypeScript project references + the portal's Vite build + the Prisma client ------
FROM deps AS build
COPY . .
RUN npm run prisma -- generate && npm run build

# --- prod-deps: runtime dependencies only, without the embedded PostgreSQL binaries ----------
# (they are the only optional dependencies on the production side).
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts --workspace @printbeat/central

# --- migrate: one-shot `prisma migrate deploy` (compose service, Helm pre-install hook) -------
# Prisma's CLI is a development dependency, so migrations get their own target instead of
# bloating the runtime image.
FROM deps AS migrate
COPY prisma.config.ts ./
COPY prisma ./prisma
COPY tools/scripts ./tools/scripts
RUN mkdir -p node_modules/.cache && chown -R 1000:1000 node_modules/.cache
ENV NODE_ENV=production HOME=/tmp
USER 1000:1000
CMD ["node", "tools/scripts/prisma.mjs", "migrate", "deploy"]

# --- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="printbeat-central" \
      org.opencontainers.image.description="Printbeat central: agent gateway (mTLS), GraphQL API, portal" \
      org.opencontainers.image.licenses="UNLICENSED"
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    GATEWAY_PORT=8443 \
    DATA_DIR=/var/lib/printbeat \
    PORTAL_DIST=/app/apps/portal/dist
# The manifests and node_modules trees (root and any nested per-workspace ones), then the builds.
COPY --from=prod-deps /app ./
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --from=build /app/libs/domain/dist ./libs/domain/dist
COPY --from=build /app/libs/payload/dist ./libs/payload/dist
COPY --from=build /app/libs/pki/dist ./libs/pki/dist
COPY --from=build /app/libs/printer-mib/dist ./libs/printer-mib/dist
COPY --from=build /app/apps/central/dist ./apps/central/dist
COPY --from=build /app/apps/portal/dist ./apps/portal/dist
COPY --from=build /app/prisma ./prisma
COPY docker/central-entrypoint.sh /usr/local/bin/printbeat-central
# DATA_DIR holds the CA material and generated secrets: a volume, owned by the app user.
RUN mkdir -p /var/lib/printbeat && chown 1000:1000 /var/lib/printbeat \
    && chmod 0755 /usr/local/bin/printbeat-central
VOLUME ["/var/lib/printbeat"]
EXPOSE 3000 8443
# The image's `node` user, numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# No curl in the slim image: Node's own fetch probes the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/printbeat-central"]
