# syntax=docker/dockerfile:1.7
# Printbeat agent: the on-site collector (SNMP → zipped XML → central over mTLS).
#
#   docker build -f docker/agent.Dockerfile -t printbeat/agent:0.1.0 .
#   docker run -v printbeat-agent:/var/lib/printbeat-agent \
#     -e PRINTBEAT_CENTRAL_URL=https://central.example.com:8443 -e PRINTBEAT_REGISTRATION_KEY=... \
#     printbeat/agent:0.1.0
#
# Small image: only the agent, the four libs it uses and their production dependencies.
# Everything it keeps (key, certificates, spool) lives in the /var/lib/printbeat-agent volume.

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

# --- build: only the agent's TypeScript project (and the libs it references) ------------------
FROM manifests AS build
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN npx tsc -b apps/agent

# --- prod-deps: the agent's runtime dependencies only ----------------------------------------
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --workspace @printbeat/agent

# --- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="printbeat-agent" \
      org.opencontainers.image.description="Printbeat on-site agent: reads printer counters and supplies over SNMP" \
      org.opencontainers.image.licenses="UNLICENSED"
WORKDIR /app
ENV NODE_ENV=production \
    PRINTBEAT_AGENT_DATA_DIR=/var/lib/printbeat-agent
COPY --from=prod-deps /app ./
COPY --from=build /app/libs/domain/dist ./libs/domain/dist
COPY --from=build /app/libs/payload/dist ./libs/payload/dist
COPY --from=build /app/libs/pki/dist ./libs/pki/dist
COPY --from=build /app/libs/printer-mib/dist ./libs/printer-mib/dist
COPY --from=build /app/apps/agent/dist ./apps/agent/dist
COPY --from=build /app/apps/agent/bin ./apps/agent/bin
COPY docker/agent-entrypoint.sh /usr/local/bin/printbeat-agent-entrypoint
# The data directory holds the agent's private key (mode 0600): owned by the app user only.
RUN mkdir -p /var/lib/printbeat-agent && chown 1000:1000 /var/lib/printbeat-agent \
    && chmod 0700 /var/lib/printbeat-agent \
    && chmod 0755 /usr/local/bin/printbeat-agent-entrypoint
VOLUME ["/var/lib/printbeat-agent"]
# The agent only connects out (SNMP to printers, HTTPS to central): nothing to EXPOSE.
USER 1000:1000
ENTRYPOINT ["/usr/local/bin/printbeat-agent-entrypoint"]
CMD ["run"]
