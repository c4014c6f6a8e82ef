#!/bin/sh
# Container entrypoint for the agent. `run` (the default) enrolls first when this data volume has
# never been enrolled and PRINTBEAT_CENTRAL_URL + PRINTBEAT_REGISTRATION_KEY are given, then
# starts the daemon under the agent's own supervisor (`supervise`, PID 1: it takes signed
# updates into the volume, restarts the daemon and rolls a failing release back). Any other
# arguments go to the agent CLI unchanged (e.g. `status`, `show --last`).
set -eu

DATA_DIR="${PRINTBEAT_AGENT_DATA_DIR:-/var/lib/printbeat-agent}"
# The agent CLI; overridable for tests of this script.
AGENT="${PRINTBEAT_AGENT_COMMAND:-node /app/apps/agent/bin/printbeat-agent.js}"
# Written by this script after a successful enrollment: the registration key is single-use
# material and must not be replayed on every container restart.
MARKER="$DATA_DIR/.container-enrolled"

case "${1:-run}" in
  run) ;;
  enroll)
    # A manual `docker run … enroll --key …` counts as enrolled for the next `run`.
    $AGENT "$@"
    touch "$MARKER"
    exit 0
    ;;
  *) exec $AGENT "$@" ;;
esac

if [ ! -e "$MARKER" ]; then
  if [ -z "${PRINTBEAT_CENTRAL_URL:-}" ] || [ -z "${PRINTBEAT_REGISTRATION_KEY:-}" ]; then
    echo "printbeat-agent: not enrolled yet; set PRINTBEAT_CENTRAL_URL and PRINTBEAT_REGISTRATION_KEY" >&2
    echo "  (a registration key is created by a customer admin in the portal)" >&2
    exit 64
  fi
  set -- --data-dir "$DATA_DIR" --central "$PRINTBEAT_CENTRAL_URL" --key "$PRINTBEAT_REGISTRATION_KEY"
  if [ -n "${PRINTBEAT_CENTRAL_CA_FILE:-}" ]; then
    set -- "$@" --ca-file "$PRINTBEAT_CENTRAL_CA_FILE"
  fi
  # Retry while central is still starting (compose starts both at once).
  attempt=1
  until $AGENT enroll "$@"; do
    if [ "$attempt" -ge "${PRINTBEAT_ENROLL_ATTEMPTS:-10}" ]; then
      echo "printbeat-agent: enrollment failed after $attempt attempts" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep "${PRINTBEAT_ENROLL_RETRY_SECONDS:-6}"
  done
  touch "$MARKER"
fi

exec $AGENT supervise --data-dir "$DATA_DIR"
