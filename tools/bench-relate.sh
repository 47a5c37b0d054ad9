#!/usr/bin/env bash
# Benchmarks the relate function and the static export on the shared corpus (../shared/bench).
#   tools/bench-relate.sh change [SIZES]   one change (add an article, edit a title) at each size:
#                                          wall ms from the article write to every page written, and
#                                          DynamoDB items read (default sizes: 1000 5000 20000)
#   tools/bench-relate.sh hugo [SIZES]     ./newsroom export against Hugo on the same corpus, in the
#                                          same run, through hugo_bench.sh (needs the apt package hugo)
# Prints Markdown tables for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-change}
shift || true
sizes=${*:-1000 5000 20000}
bench=${BENCH_DIR:-../shared/bench}
work=${WORK:-${TMPDIR:-/tmp}/newsroom-relate-bench}
mkdir -p "$work"

./newsroom package >/dev/null 2>&1   # build outside the timed part
classpath="local-stack/target/classes:$(cat local-stack/target/runtime-classpath.txt)"
java="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")/bin/java"

case "$mode" in
  change)
    for n in $sizes; do
      [ -d "$work/c$n" ] || python3 "$bench/gen_corpus.py" --out "$work/c$n" --count "$n" --seed 42 >/dev/null
    done
    # New articles get ids past every corpus, dated like the rest.
    [ -d "$work/new" ] || python3 "$bench/gen_corpus.py" --out "$work/new" --count 5 --first-id 900001 --seed 42 >/dev/null
    "$java" -XX:+UseParallelGC -Dlog4j2.level=WARN -cp "$classpath" dev.newsroom.stack.bench.RelateBenchmark "$work" $sizes
    ;;
  hugo)
    command -v hugo >/dev/null || { echo "needs Hugo: apt-get install -y hugo" >&2; exit 1; }
    SIZES="$sizes" RUNS=${RUNS:-3} MODES=${MODES:-"disk norel"} INCR=${INCR:-1} WORK="$work/hugo" \
      OUR_CMD="$PWD/newsroom export {in} {out}" \
      bash "$bench/hugo_bench.sh"
    ;;
  *)
    sed -n '2,8p' "$0" >&2
    exit 64
    ;;
esac
