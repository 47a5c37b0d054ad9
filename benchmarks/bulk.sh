#!/usr/bin/env bash
# Bulk upload (issue 18): N articles (or a Hugo site, through ./newsroom import hugo --out) at once with `aws s3 sync` into ./newsroom up, for each N (default
# 1000 5000): time to every article page served (the floor), to the relate function drained, and to
# the live site equal to ./newsroom export of the same articles, and the pages relate wrote against the
# export's. Run through ./newsroom bench bulk [N ...], which builds first and sets NEWSROOM_JAVA,
# NEWSROOM_CLASSPATH (the benchmarks') and NEWSROOM_BENCH_DIR. Each N is bounded by
# NEWSROOM_BULK_TIMEOUT_MINUTES (default 15) from the sync's start; NEWSROOM_BULK_KEEP=1 keeps the
# work folder (each N's stack log, corpus, export and data) for inspection. BulkUploadBenchmark does the
# work and writes its table into docs/benchmarks.md; this script builds, and cleans up after it.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-1000 5000}
for n in $sizes; do
  if ! [[ $n =~ ^[1-9][0-9]*$ ]] && ! [ -d "$n" ]; then
    echo "usage: ./newsroom bench bulk [N|SITE ...] (article counts, default 1000 5000, or a Hugo site's folder)" >&2
    exit 64
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/newsroom-bulk.XXXXXX")
harness=
cleanup() {
  [ -n "$harness" ] && kill "$harness" 2>/dev/null || true
  # The harness stops each stack it starts; this is for a harness that was killed outright.
  local pidfile
  for pidfile in "$work"/*/up.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ -n "${NEWSROOM_BULK_KEEP:-}" ]; then echo "bulk: kept $work (logs, corpora, exports, stacks' data)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The command the table is recorded under, with a timeout that is not the default.
command="${NEWSROOM_BENCH_COMMAND:-./newsroom bench bulk $sizes}"
[ -n "${NEWSROOM_BULK_TIMEOUT_MINUTES:-}" ] && command="NEWSROOM_BULK_TIMEOUT_MINUTES=$NEWSROOM_BULK_TIMEOUT_MINUTES $command"

# Builds what up and export run from, outside the timed part.
./newsroom up --help >/dev/null
./newsroom export --help >/dev/null
./newsroom import --help >/dev/null

# C1 only and a small heap: the harness shares the two cores with the stack it measures.
"$NEWSROOM_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Dnewsroom.root="$PWD" \
  -Dnewsroom.bench.command="$command" \
  -cp "$NEWSROOM_CLASSPATH" dev.newsroom.bench.BulkUploadBenchmark "$work" $sizes &
harness=$!
wait "$harness"
