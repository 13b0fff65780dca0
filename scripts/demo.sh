#!/usr/bin/env bash
# The main job on the shipped samples: installs what is missing, builds, converts every sample to JSON-LD in
# out/ and prints the first one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
cargo build --locked --quiet
"$NEWSGRAPH_BIN" convert --out out samples
ls out
