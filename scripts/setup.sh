#!/usr/bin/env bash
# Installs what building and testing newsgraph needs on a fresh Debian machine (idempotent, quick when
# everything is there; `setup.sh build` installs only what building needs): clang/libclang for RocksDB's
# bindgen, make for jemalloc, xmllint, rapper and unzip for the outside checks, Virtuoso's server binary for the
# push tests, Chromium and chromedriver for the browser test, a Python venv with pyld, pyoxigraph, the
# oxigraph CLI, rdflib, pyshacl and selenium, and a second venv with E-ARK's information-package validator
# (it pins lxml 5.1.0).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

need=()
command -v clang >/dev/null || need+=(clang)
[ -e /usr/lib/llvm-14/lib/libclang.so ] || ls /usr/lib/llvm-*/lib/libclang*.so >/dev/null 2>&1 || need+=(libclang-dev)
command -v make >/dev/null || need+=(make)
# `setup.sh build` (the demo): what building needs, nothing more. The rest is for the tests.
only_build=false; [ "${1:-}" = build ] && only_build=true
if ! $only_build; then
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v rapper >/dev/null || need+=(raptor2-utils)
# tests/package.rs unpacks `--archive zip` packages (tar is in every Debian base system).
command -v unzip >/dev/null || need+=(unzip)
# The browser test of `serve`'s page (tests/outside/browser.py): Debian's Chromium and its driver.
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
# Virtuoso's server binary for tests/push.rs (which starts it on loopback with a database of its own): the
# -bin package alone, not virtuoso-opensource, which would also run a system service on every interface.
command -v virtuoso-t >/dev/null || need+=(virtuoso-opensource-7-bin)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
$only_build && exit 0

if [ ! -x "$NEWSGRAPH_VENV/bin/python" ]; then
  python3 -m venv "$NEWSGRAPH_VENV"
fi
"$NEWSGRAPH_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements.txt

if [ ! -x "$NEWSGRAPH_EARK_VENV/bin/python" ]; then
  python3 -m venv "$NEWSGRAPH_EARK_VENV"
fi
"$NEWSGRAPH_EARK_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-eark.txt
