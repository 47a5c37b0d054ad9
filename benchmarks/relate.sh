#!/usr/bin/env bash
# The relate function and the static export on the shared corpus; run through ./newsroom bench, which
# builds first and sets NEWSROOM_JAVA, NEWSROOM_CLASSPATH (the benchmarks') and NEWSROOM_BENCH_DIR.
#   ./newsroom bench relate [SIZES]   one change (add an article, edit a title) at each size:
#                                     wall ms from the article write to every page written, and
#                                     DynamoDB items read (default sizes: 1000 5000 20000)
#   ./newsroom bench hugo [SIZES]     ./newsroom export against Hugo on the same corpus, in the
#                                     same run, through hugo_bench.sh
# Prints Markdown tables for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
[ $# -gt 0 ] && shift
sizes=${*:-1000 5000 20000}
bench=$NEWSROOM_BENCH_DIR
work=${WORK:-${TMPDIR:-/tmp}/newsroom-relate-bench}
mkdir -p "$work"

case "$mode" in
  change)
    for n in $sizes; do
      [ -d "$work/c$n" ] || python3 "$bench/gen_corpus.py" --out "$work/c$n" --count "$n" --seed 42 >/dev/null
    done
    # New articles get ids past every corpus, dated like the rest.
    [ -d "$work/new" ] || python3 "$bench/gen_corpus.py" --out "$work/new" --count 5 --first-id 900001 --seed 42 >/dev/null
    "$NEWSROOM_JAVA" -XX:+UseParallelGC -Dlog4j2.level=WARN -cp "$NEWSROOM_CLASSPATH" dev.newsroom.bench.RelateBenchmark "$work" $sizes
    ;;
  hugo)
    ./newsroom export --help >/dev/null   # builds what export runs from, outside the timed part
    SIZES="$sizes" RUNS=${RUNS:-3} MODES=${MODES:-"disk norel"} INCR=${INCR:-1} WORK="$work/hugo" \
      OUR_CMD="$PWD/newsroom export {in} {out}" \
      bash "$bench/hugo_bench.sh"
    ;;
  *)
    echo "usage: benchmarks/relate.sh change|hugo [SIZES] (through ./newsroom bench relate|hugo)" >&2
    exit 64
    ;;
esac
