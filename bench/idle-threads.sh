#!/usr/bin/env bash
# Idle CPU of the local stack per thread: launches local-stack.jar fresh (embedded broker, H2 ledger, free ports),
# waits until the three readiness routes answer, lets it settle, then counts utime+stime of every thread over a
# window from /proc/<pid>/task/*/stat. Prints cores per thread name (digits folded, so "kafka-request-handler-3"
# and "-4" add up) and the total. Works on a loaded machine: CPU seconds do not depend on who else runs.
# Usage: bench/idle-threads.sh [JAR] [SETTLE_S] [WINDOW_S]     (JAR default local-stack/target/local-stack.jar)
set -euo pipefail
jar="${1:-local-stack/target/local-stack.jar}"; settle="${2:-60}"; window="${3:-60}"
data=$(mktemp -d); log="$data/stack.log"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ki=$(port); kd=$(port); ko=$(port); kc=$(port); kk=$(port)
INGEST_PORT=$ki DEDUP_PORT=$kd ORDERS_PORT=$ko CONSOLE_PORT=$kc java ${JAVA_OPTS:-} -jar "$jar" --fresh --data-dir "$data/d" \
    --kafka-port "$kk" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
start=$(date +%s.%N)
for p in $kd $ko $ki; do
  until curl -fs -o /dev/null "http://127.0.0.1:$p/health/ready"; do
    kill -0 $pid 2>/dev/null || { tail -30 "$log" >&2; exit 1; }; sleep 0.2
  done
done
echo "ready after $(echo "$(date +%s.%N) - $start" | bc) s; settling ${settle} s, then counting ${window} s" >&2
sleep "$settle"
snap() { for t in /proc/$pid/task/*; do s=$(cat "$t/stat" 2>/dev/null) || continue; n=$(cat "$t/comm");
         rest=${s##*) }; set -- $rest; echo "${t##*/} $(( ${12} + ${13} )) $n"; done; }
snap >"$data/a"; sleep "$window"; snap >"$data/b"
hz=$(getconf CLK_TCK)
awk -v hz="$hz" -v w="$window" 'NR==FNR { a[$1]=$2; next }
  { name=$3; for (i=4;i<=NF;i++) name=name" "$i; gsub(/[0-9]+/,"N",name); d=$2-($1 in a ? a[$1] : 0); by[name]+=d; tot+=d }
  END { for (n in by) if (by[n]>0) printf "%8.4f  %s\n", by[n]/hz/w, n; printf "%8.4f  TOTAL cores (%d s window)\n", tot/hz/w, w }' \
  "$data/a" "$data/b" | sort -rn
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
