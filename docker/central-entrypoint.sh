#!/bin/sh
# Container entrypoint for central. Refuses to start without an external PostgreSQL: without
# DATABASE_URL central would try to start its embedded development database, which is not
# shipped in the image (and would lose data with the container).
set -eu

if [ -z "${DATABASE_URL:-}" ]; then
  echo "printbeat-central: DATABASE_URL is required in the container image (external PostgreSQL)." >&2
  echo "  e.g. DATABASE_URL=postgresql://printbeat:***@db.example.com:5432/printbeat" >&2
  exit 64
fi

# exec: node becomes PID 1 and receives SIGTERM directly for a clean shutdown.
exec node /app/apps/central/dist/main.js "$@"
