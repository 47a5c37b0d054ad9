#!/usr/bin/env bash
# Lighthouse's four scores for every page type of ./newsroom up: each the median of RUNS runs (default
# 3) with Lighthouse's default (mobile) preset and Debian's Chromium. Run through ./newsroom bench
# lighthouse [RUNS], which builds first; it installs Lighthouse 12.2.3 from npm into
# benchmarks/target/lighthouse on first use. Prints a Markdown table row per page type.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
tools=benchmarks/target/lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm i -E lighthouse@12.2.3 --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
fi
data=$(mktemp -d)
log="$data.log"
pid=
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$data" "$data.log"' EXIT

./newsroom up --port 0 --data-dir "$data" >"$log" 2>&1 &
pid=$!
until grep -q '^Newsroom is up' "$log" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
site=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['site'])" "$data/endpoints.json")
s3=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['s3'])" "$data/endpoints.json")
export AWS_ACCESS_KEY_ID=newsroomlocal AWS_SECRET_ACCESS_KEY=newsroomlocalsecret AWS_DEFAULT_REGION=us-east-1 \
  AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
aws() { /usr/bin/aws --endpoint-url "$s3" "$@" >/dev/null; }

# A page of each type beside the seeded articles: a lead photo (the site's own icon stands in), a
# correction, and a static page.
# An hour ago: a later time would be an embargo. The site's zone is UTC.
published=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
day=${published:0:10}
aws s3 cp functions/core/src/main/resources/dev/newsroom/core/render/site/icon-512.png s3://source-bucket/assets/lighthouse/lead.png
printf -- '---\ntitle: The harbour reopens after two years of works\ndate: %s\ncategory: City\ntags: [Harbour, Transport]\nauthor: {name: Lena Berg, bio: Covers the city and its port., twitter: lenaberg}\nimage: {src: /assets/lighthouse/lead.png, alt: The harbour at dawn, caption: The quay on its first morning, credit: "Photo: Lena Berg"}\ncorrection: An earlier version gave the wrong year for the works.\nsummary: Ferries and trams are back on the quay.\n---\n%s\n\n## What changes\n\n%s\n' \
  "$published" "$(printf 'The harbour opened again on Monday, with ferries every ten minutes at peak. %.0s' $(seq 1 20))" \
  "$(printf 'Trams run along the quay from six in the morning until midnight. %.0s' $(seq 1 20))" > "$data/lead.md"
aws s3 cp "$data/lead.md" s3://source-bucket/articles/harbour-reopens.md
printf -- '---\ntitle: About us\ndate: 2026-01-01\n---\nThe Daily Example is an independent newsroom.\n' > "$data/about.md"
aws s3 cp "$data/about.md" s3://source-bucket/pages/about.md
paths=("/articles/harbour-reopens" "/" "/category/city" "/tag/harbour" "/author/lena-berg" "/archive/${day//-//}" "/about" "/corrections")
names=("article" "home" "category" "tag" "author" "archive (a day)" "static page" "corrections")
for path in "${paths[@]}"; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$site$path")" = 200 ]; do sleep 0.2; done
done
until curl -s "$site/" | grep -q 'harbour-reopens'; do sleep 0.2; done

echo "| page | path | performance | accessibility | best practices | SEO |"
echo "|---|---|---:|---:|---:|---:|"
for i in "${!paths[@]}"; do
  for run in $(seq 1 "$runs"); do
    CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$site${paths[$i]}" --quiet --output=json \
      --output-path="$data/run-$i-$run.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$data/chrome-$i-$run" \
      >/dev/null 2>&1 || true
  done
  python3 - "${names[$i]}" "${paths[$i]}" "$data" "$i" "$runs" <<'PY'
import json, statistics, sys
name, path, data, i, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
scores = {c: [] for c in ("performance", "accessibility", "best-practices", "seo")}
for run in range(1, runs + 1):
    try:
        report = json.load(open(f"{data}/run-{i}-{run}.json"))
    except (OSError, ValueError):
        continue
    for c in scores:
        s = report["categories"][c]["score"]
        if s is not None:
            scores[c].append(round(s * 100))
cells = [str(statistics.median(v)) if v else "–" for v in scores.values()]
print(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
PY
done
mkdir -p "$tools/reports" && cp "$data"/run-*.json "$tools/reports/"   # for reading what each audit found
