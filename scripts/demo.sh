#!/usr/bin/env bash
# The main job on the shipped samples: installs what is missing, builds, loads every sample into the embedded
# store (./newsgraph-store, or $NEWSGRAPH_STORE) and prints the answer of a ready-made query: the people the
# articles name, with job titles, employers and how many articles mention them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
. scripts/env.sh
cargo build --locked --quiet
"$NEWSGRAPH_BIN" load samples
"$NEWSGRAPH_BIN" query --preset people
