# Sourced by the other scripts: one persistent target folder outside the clone (RocksDB takes ~20 minutes to
# compile on 2 cores, so every clone on the machine shares one build) and the Python tools' venv.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
export NEWSGRAPH_VENV="${NEWSGRAPH_VENV:-$HOME/.cache/newsgraph-venv}"
# E-ARK's package validator pins lxml 5.1.0: a venv of its own.
export NEWSGRAPH_EARK_VENV="${NEWSGRAPH_EARK_VENV:-$HOME/.cache/newsgraph-eark-venv}"
NEWSGRAPH_BIN="$CARGO_TARGET_DIR/debug/newsgraph"
export NEWSGRAPH_BIN
