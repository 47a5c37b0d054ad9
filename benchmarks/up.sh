#!/usr/bin/env bash
# ./newsroom up: start to ready, and upload to page served, on this machine; run through
# ./newsroom bench up [UPLOADS] (default 10), which builds first. Prints a Markdown table row per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
uploads=${1:-10}
data=$(mktemp -d)
log="$data.log"
pid=
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$data" "$data.log" "$data.md"' EXIT

./newsroom up --help >/dev/null   # builds what up runs from, outside the timed part
now_ms() { date +%s%3N; }
t0=$(now_ms)
./newsroom up --port 0 --data-dir "$data" --no-seed >"$log" 2>&1 &
pid=$!
until grep -q '^Newsroom is up' "$log" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
ready_wall=$(( $(now_ms) - t0 ))
ready_jvm=$(sed -n 's/^Newsroom is up (ready in \([0-9]*\) ms)$/\1/p' "$log")

site=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['site'])" "$data/endpoints.json")
s3=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['s3'])" "$data/endpoints.json")
export AWS_ACCESS_KEY_ID=newsroomlocal AWS_SECRET_ACCESS_KEY=newsroomlocalsecret AWS_DEFAULT_REGION=us-east-1 \
  AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""

after_upload=()
from_start=()
for i in $(seq 1 "$uploads"); do
  printf -- '---\ntitle: Benchmark article %s\ndate: 2026-11-24\ncategory: Bench\n---\n%s\n' "$i" \
    "$(printf 'The council met on Tuesday to discuss the harbour. %.0s' $(seq 1 60))" > "$data.md"
  t_start=$(now_ms)
  /usr/bin/aws --endpoint-url "$s3" s3 cp "$data.md" "s3://source-bucket/articles/bench-$i.md" >/dev/null
  t1=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$site/articles/bench-$i")" = 200 ]; do sleep 0.01; done
  t2=$(now_ms)
  after_upload+=($(( t2 - t1 )))
  from_start+=($(( t2 - t_start )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
echo "| start to ready, wall (launcher script to 'Newsroom is up') | ${ready_wall} ms |"
echo "| start to ready, JVM uptime at ready | ${ready_jvm} ms |"
echo "| upload command started to page served, median of $uploads (max); includes the AWS CLI's own start | $(median "${from_start[@]}") ms ($(max "${from_start[@]}") ms) |"
echo "| upload returned to page served, median of $uploads (max) | $(median "${after_upload[@]}") ms ($(max "${after_upload[@]}") ms) |"
