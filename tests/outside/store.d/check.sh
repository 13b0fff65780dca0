# Store checks, sourced by tests/outside/check.sh (which gives $BIN, $tmp, $PY, the inputs array and
# `check NAME CMD...`): the store `newsgraph load` writes is a standard Oxigraph store that pyoxigraph and
# the oxigraph CLI (PyPI, the same 0.5 line) open and query with the same answers as newsgraph.
store="$tmp/store"
# Every input is one article, but a WARC file holds one per HTML page: count those with newsgraph's own
# reader of WARC files (convert writes one file per article).
"$BIN" convert --quiet --out "$tmp/per-article" "${inputs[@]}" >/dev/null 2>&1 || true
n_articles=$(find "$tmp/per-article" -name '*.jsonld' | wc -l)
count_q='SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a <http://schema.org/NewsArticle> } }'
check "store: newsgraph loads every input" "$BIN" load --quiet --store "$store" "${inputs[@]}"
check "store: newsgraph counts $n_articles articles" bash -c \
  "'$BIN' query --store '$store' --format csv '$count_q' | tr -d '\r' | grep -qx '$n_articles'"
check "store: pyoxigraph opens the store and counts $n_articles articles in $n_articles graphs" "$PY" -c '
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
n = int(next(iter(store.query(sys.argv[2])))["n"].value)
own = {pyoxigraph.NamedNode("https://newsgraph.example/ns/index"),
       pyoxigraph.NamedNode("https://newsgraph.example/ns/sources")}
graphs = len([g for g in store.named_graphs() if g not in own])
assert n == int(sys.argv[3]) and graphs == n, (n, graphs)
' "$store" "$count_q" "$n_articles"
check "store: the oxigraph CLI opens the store and counts $n_articles articles" bash -c \
  "'$NEWSGRAPH_VENV/bin/oxigraph' query --location '$store' --query '$count_q' --results-format csv | tr -d '\r' | grep -qx '$n_articles'"
check "store: the oxigraph CLI sees the merged default graph like newsgraph" bash -c \
  "'$NEWSGRAPH_VENV/bin/oxigraph' query --location '$store' --results-format tsv \
     --query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 > '$tmp/ox-default.txt' &&
   '$BIN' query --store '$store' --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 > '$tmp/ng-default.txt' &&
   cmp '$tmp/ox-default.txt' '$tmp/ng-default.txt'"
check "store: pyoxigraph finds the default graph to be exactly the set of triples of the article graphs (the index and sources graphs aside)" "$PY" -c '
import sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
own = {pyoxigraph.NamedNode("https://newsgraph.example/ns/index"),
       pyoxigraph.NamedNode("https://newsgraph.example/ns/sources")}
default, named = set(), set()
for q in store:
    if q.graph_name in own:
        continue
    t = (q.subject, q.predicate, q.object)
    (default if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else named).add(t)
assert default and default == named, (len(default), len(named), len(default ^ named))
' "$store"
