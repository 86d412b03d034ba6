#!/usr/bin/env bash
# Issue 29's seed criteria for a campaign level, measured with `terawatt verify`:
#   - the reference solution over 10 seeds (wins >= 8, win-date sd >= 14 days);
#   - the share of the reference's orders (rows, and rows x times) after the level's first day (>= 40%);
#   - a day-one open-loop plan (the reference's orders, every one moved to the first day)
#     over 10 seeds (timeline and race: wins <= 5).
# Usage: tools/level-criteria.sh [TERAWATT_BINARY] LEVEL_ID...
#   e.g. tools/level-criteria.sh /tmp/tw robots why_space
set -euo pipefail
bin=terawatt
if [[ -x "${1:-}" ]]; then bin=$1; shift; fi
here=$(cd "$(dirname "$0")/.." && pwd)
for id in "$@"; do
  lvl=$here/levels/$id.ron sol=$here/levels/solutions/$id.ron
  start=$(grep -o 'start_date: *"[0-9-]*"' "$lvl" | grep -o '[0-9-]\{10\}')
  echo "== $id (starts $start)"
  "$bin" verify "$lvl" --seeds 10 2>&1 | grep -E "^$id +won [0-9]+/10|^$id +(lost|won|open)" | tail -1 | sed 's/^/reference over 10 seeds: /'
  # Orders of the reference (only the `orders:` list, not the exploits').
  body=$(awk '/^    orders: \[/{f=1;next} f&&/^    \],/{exit} f' "$sol")
  rows=$(grep -c 'date:' <<<"$body" || true)
  late=$(grep 'date:' <<<"$body" | grep -vc "\"$start\"" || true)
  w_all=$(grep 'date:' <<<"$body" | awk '{t=1; if (match($0,/times: *[0-9]+/)) {s=substr($0,RSTART,RLENGTH); gsub(/[^0-9]/,"",s); t=s} n+=t} END{print n+0}')
  w_late=$(grep "date:" <<<"$body" | { grep -v "\"$start\"" || true; } | awk '{t=1; if (match($0,/times: *[0-9]+/)) {s=substr($0,RSTART,RLENGTH); gsub(/[^0-9]/,"",s); t=s} n+=t} END{print n+0}')
  echo "orders after day one: $late of $rows rows ($((100*late/(rows>0?rows:1)))%); $w_late of $w_all counting times"
  # The day-one open-loop plan: a temporary copy of the level with the reference's dates moved to day one.
  tmp=$(mktemp -d); mkdir -p "$tmp/levels/solutions"
  cp "$lvl" "$tmp/levels/"
  awk -v s="$start" '/^    orders: \[/{f=1} f&&/^    \],/{f=0} { if (f) gsub(/date: *"[0-9-]+"/, "date: \"" s "\""); print }' "$sol" > "$tmp/levels/solutions/$id.ron"
  "$bin" verify "$tmp/levels/$id.ron" --seeds 10 2>&1 | grep -E "^$id +won [0-9]+/10|^$id +(lost|won|open)" | tail -1 | sed 's/^/day-one plan over 10 seeds: /'
  rm -rf "$tmp"
done
