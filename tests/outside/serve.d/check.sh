# The browser page of `newsgraph serve`, sourced by tests/outside/check.sh (which gives $BIN, $tmp, $PY,
# the inputs array and `check NAME CMD...`): Debian's headless Chromium, driven by selenium
# (tests/outside/browser.py), runs a preset and sees its rows, runs one with a parameter, downloads CSV,
# follows a link to an entity's page and sees a query's error, on loopback, with no outside request.
check "serve: newsgraph loads every input for the browser" "$BIN" load --quiet --store "$tmp/browser-store" "${inputs[@]}"
check "serve: the browser page in headless Chromium (selenium)" timeout 180 "$PY" tests/outside/browser.py "$BIN" "$tmp/browser-store"
