#!/usr/bin/env bash
# Builds the `newsgraph` binary of an earlier commit, to compare speed against it on this machine
# (`NEWSGRAPH_BENCH_BASELINE=PATH cargo bench --profile dev --bench convert`, or the binaries run in turn).
#
#   bash scripts/baseline-bin.sh REV [OUT]     (OUT defaults to $TMPDIR/newsgraph-REV)
#
# Why not a plain checkout and build: an older commit's Cargo.lock resolves other versions, and a fresh
# resolution means compiling RocksDB again (about 23 minutes on 2 cores). The commit is built with the
# current Cargo.lock instead (cargo drops the entries it does not need and keeps the versions of the rest),
# in a target folder of its own seeded once from the shared one, so RocksDB is reused and the shared
# folder's binaries are not overwritten. The commit's sources are as they were; only dependency versions
# may differ slightly from what that commit shipped with.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/env.sh"
rev="${1:?usage: baseline-bin.sh REV [OUT]}"
sha="$(git -C "$here" rev-parse --short "$rev^{commit}")"
out="${2:-${TMPDIR:-/tmp}/newsgraph-$sha}"
target="$CARGO_TARGET_DIR-baseline"
if [ ! -d "$target" ]; then
  echo "seeding $target from $CARGO_TARGET_DIR (once)" >&2
  cp -a "$CARGO_TARGET_DIR" "$target"
fi
work="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$here" worktree add --quiet --detach "$work/tree" "$sha"
cp "$here/Cargo.lock" "$work/tree/Cargo.lock"
(cd "$work/tree" && CARGO_TARGET_DIR="$target" cargo build --quiet --bin newsgraph)
cp "$target/debug/newsgraph" "$out"
echo "$out"
