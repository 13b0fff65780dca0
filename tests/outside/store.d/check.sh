# Store checks, sourced by tests/outside/check.sh (which gives $BIN, $tmp, $PY, the inputs array and
# `check NAME CMD...`): the store `newsgraph load` writes is a standard Oxigraph store that pyoxigraph and
# the oxigraph CLI (PyPI, the same 0.5 line) open and query with the same answers as newsgraph.
store="$tmp/store"
n_articles=${#inputs[@]}
count_q='SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a <http://schema.org/NewsArticle> } }'
check "store: newsgraph loads every input" "$BIN" load --quiet --store "$store" "${inputs[@]}"
check "store: newsgraph counts $n_articles articles" bash -c \
  "'$BIN' query --store '$store' --format csv '$count_q' | tr -d '\r' | grep -qx '$n_articles'"
check "store: pyoxigraph opens the store and counts $n_articles articles in $n_articles graphs" "$PY" -c '
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
n = int(next(iter(store.query(sys.argv[2])))["n"].value)
graphs = len(list(store.named_graphs()))
assert n == int(sys.argv[3]) and graphs == n, (n, graphs)
' "$store" "$count_q" "$n_articles"
check "store: the oxigraph CLI opens the store and counts $n_articles articles" bash -c \
  "'$NEWSGRAPH_VENV/bin/oxigraph' query --location '$store' --query '$count_q' --results-format csv | tr -d '\r' | grep -qx '$n_articles'"
check "store: the oxigraph CLI sees the union default graph like newsgraph" bash -c \
  "'$NEWSGRAPH_VENV/bin/oxigraph' query --location '$store' --union-default-graph --results-format tsv \
     --query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 > '$tmp/ox-union.txt' &&
   '$BIN' query --store '$store' --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 > '$tmp/ng-union.txt' &&
   cmp '$tmp/ox-union.txt' '$tmp/ng-union.txt'"
