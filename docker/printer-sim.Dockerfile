# syntax=docker/dockerfile:1.7
# Printbeat printer simulator: a fleet of SNMP printers built from the real walks in
# fixtures/snmp, for demos and load tests. It only binds loopback addresses (127.x.y.z), so the
# agent that polls it must share its network namespace (compose: network_mode: service:printer-sim).
#
#   docker build -f docker/printer-sim.Dockerfile -t printbeat/printer-sim:0.1.0 .

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- manifests ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Every workspace's package.json must be here or `npm ci` rejects the lockfile.
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

# --- build ---------------------------------------------------------------------------------------
FROM manifests AS build
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN npx tsc -b tools/printer-sim

# --- prod-deps -----------------------------------------------------------------------------------
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --workspace @printbeat/printer-sim

# --- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="printbeat-printer-sim" \
      org.opencontainers.image.description="Simulated SNMP printer fleet on loopback addresses" \
      org.opencontainers.image.licenses="UNLICENSED"
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /app ./
COPY --from=build /app/libs/domain/dist ./libs/domain/dist
COPY --from=build /app/libs/printer-mib/dist ./libs/printer-mib/dist
COPY --from=build /app/tools/printer-sim/dist ./tools/printer-sim/dist
COPY --from=build /app/tools/printer-sim/bin ./tools/printer-sim/bin
# The device models come from the recorded walks; same relative layout as in the repository.
COPY fixtures/snmp ./fixtures/snmp
# High port (16100), so no capability to bind 161 is needed.
USER 1000:1000
ENTRYPOINT ["node", "/app/tools/printer-sim/bin/printer-sim.js"]
# --ppm: every printer prints on its own, so counters and toner move in a demo.
CMD ["start", "--count", "12", "--first", "127.10.0.1", "--port", "16100", "--ppm", "2"]
