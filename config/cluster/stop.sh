#!/usr/bin/env bash
# Stops what config/cluster/start.sh started (the pids it wrote), nodes first, then the backup, then the primary.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN="${TSW_CLUSTER_DIR:-$ROOT/target/cluster}"
[ -f "$RUN/pids" ] || { echo "nothing started from $RUN"; exit 0; }
for pid in $(tac "$RUN/pids"); do
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"   # SIGTERM: a clean stop
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { echo "pid $pid did not stop within 60 s: SIGKILL"; kill -9 "$pid"; }
  fi
done
rm -f "$RUN/pids"
echo "TSW cluster stopped (data kept in $RUN)"
