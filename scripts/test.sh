#!/usr/bin/env bash
# The test command: installs what is missing (scripts/setup.sh), runs the Rust test suite, then the outside
# checks (pyld, the schema.org vocabulary check, rapper, xmllint) on every sample and the seed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
cargo test --locked
bash tests/outside/check.sh
