#!/usr/bin/env bash
# Development check: extract GOLD_DIR's articles and score them with the judged scorer.
#   scripts/score_dev.sh ../shared/seed [--errors]
set -euo pipefail
gold=${1:?usage: score_dev.sh GOLD_DIR [--errors]}; shift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/.venv/bin/alliances" extract "$gold" --out "$tmp/out.jsonl" --db "sqlite:///$tmp/out.db" --no-progress >/dev/null
scorer="$here/../shared/tools/score.py"
python3 "$scorer" "$gold" --pred "$tmp/out.jsonl" "$@"
