#!/usr/bin/env python3
"""Exit 0 when two N-Triples/N-Quads (default graph) files hold isomorphic graphs, per rdflib; else print
the triples only one side has and exit 1. Used by tests/outside/check.sh."""
import sys
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

a, b = (Graph().parse(p, format="nt") for p in sys.argv[1:3])
ia, ib = to_isomorphic(a), to_isomorphic(b)
if ia == ib:
    sys.exit(0)
_, only_a, only_b = graph_diff(ia, ib)
for t in sorted(only_a):
    print("only in", sys.argv[1], t)
for t in sorted(only_b):
    print("only in", sys.argv[2], t)
sys.exit(1)
