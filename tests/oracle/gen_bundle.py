#!/usr/bin/env python3
"""gen_bundle.py SEED OUTDIR — write a random VALID kaohe bundle (FORMATS.md).

Deterministic in SEED.  Exercises every method, transform, missing policy,
ratings with every combine mode, surveys with channels, cadres, adjustments,
tracking, and "nasty" modes (exact ties, half-cent composites, zero variance,
quota boundary ties, all units vetoed, units without any scored leaf).
"""
import csv
import os
import random
import sys

CATS = ["U", "I", "A", "E"]
TEAM_LEVELS = ["好", "较好", "一般", "差"]
CADRE_LEVELS = ["优秀", "称职", "基本称职", "不称职"]
SURVEY_LEVELS = ["满意", "基本满意", "不满意"]
HALF_CENTS = [94.995, 89.995, 79.995, 69.995, 94.99499999999999, 89.99499999999999, 95.004, 90.0, 89.994]


NOISE = {"rng": None}


def w_csv(path, header, rows):
    """Write a CSV; in noise mode permute columns, pad cells, add a BOM, CRLF, quotes, blank records."""
    rows = [["" if c is None else str(c) for c in r] for r in rows]
    r = NOISE["rng"]
    header = list(header)
    bom = crlf = False
    quoting = csv.QUOTE_MINIMAL
    if r is not None:
        if r.random() < 0.5:
            perm = list(range(len(header)))
            r.shuffle(perm)
            header = [header[i] for i in perm]
            rows = [[x[i] for i in perm] for x in rows]
        if r.random() < 0.2:
            quoting = csv.QUOTE_ALL
        elif r.random() < 0.35:
            # unquoted padding only: whitespace inside quotes is a separate finding (FINDINGS.md F1)
            plain = lambda c: not any(ch in c for ch in ',"\r\n')
            header = [" %s " % h for h in header]
            rows = [[(" " + c + "  ") if c and plain(c) and r.random() < 0.3 else c for c in x] for x in rows]
        bom = r.random() < 0.3
        crlf = r.random() < 0.3
        if rows and r.random() < 0.3:
            rows.insert(r.randint(0, len(rows)), [""] * len(header))
        if rows and r.random() < 0.2:
            rows.append([""] * len(header))
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n" if crlf else "\n", quoting=quoting)
        w.writerow(header)
        for x in rows:
            w.writerow(x)


def g(x):
    """Number → text that round-trips."""
    if isinstance(x, int):
        return str(x)
    r = repr(float(x))
    return r[:-2] if r.endswith(".0") else r


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        self.nasty = {k: r.random() < p for k, p in (
            ("ties", 0.35), ("halfcent", 0.25), ("zerovar", 0.15), ("quota_ties", 0.2),
            ("all_veto", 0.08), ("no_scored", 0.15), ("big_points", 0.3), ("near_equal", 0.12),
            ("noise", 0.4), ("shuffle_tree", 0.25))}
        NOISE["rng"] = random.Random(seed * 7 + 1) if self.nasty["noise"] else None

    # ------------------------------------------------------------------
    def value(self, lo=0.0, hi=100.0):
        r = self.r
        if self.nasty["zerovar"] and r.random() < 0.5:
            return 50
        if self.nasty["near_equal"] and r.random() < 0.6:
            return r.choice([50, 50.000000000001, 49.99999999999999, 50.00000000000001])
        if self.nasty["ties"]:
            return r.choice([10, 20, 20, 30, 50, 50, 80, 100])
        c = r.random()
        if c < 0.3:
            return r.randint(int(lo), int(hi))
        if c < 0.4:
            return round(r.uniform(lo, hi), 3)
        return round(r.uniform(lo, hi), 2)

    def run(self, out):
        r = self.r
        os.makedirs(out, exist_ok=True)
        ncat = r.choice([1, 2, 2, 3, 3, 4])
        cats = CATS[:ncat]
        self.cats = cats
        # units
        units = []
        single = ncat > 1 and r.random() < 0.6
        nunits = r.randint(3, 9)
        for i in range(nunits):
            units.append(["T%d" % (i + 1), "单位%d" % (i + 1), None, None])
        for i, u in enumerate(units):
            u[3] = cats[i] if i < ncat else (r.choice(cats[:-1]) if single else r.choice(cats))
        if single and nunits >= ncat:
            pass
        districts = r.choice([["D1"], ["D1", "D2"], ["D1", "D2", "D3"], [""]])
        for u in units:
            u[2] = r.choice(districts)
        r.shuffle(units)
        self.units = units
        self.ucodes = [u[0] for u in units]
        self.cat_of = {u[0]: u[3] for u in units}

        # rater groups and raters
        ngroups = r.randint(1, 4)
        groups = []
        for i in range(ngroups):
            groups.append(("G%d" % (i + 1), r.choice(["mean", "trimmed", "median", "", "trimmed"])))
        raters = []
        self.members = {}
        for gc, _ in groups:
            k = r.randint(2, 7)
            self.members[gc] = []
            for j in range(k):
                code = "R%s_%d" % (gc, j + 1)
                raters.append((code, gc))
                self.members[gc].append(code)
        self.groups = groups

        # scales
        scales_rows = []
        self.custom_scale = None
        if r.random() < 0.4:
            pts = [100, r.choice([80, 85, 90]), r.choice([50, 60, 70]), r.choice([0, 20, 40])]
            for lvl, p in zip(TEAM_LEVELS, pts):
                scales_rows.append(("team", lvl, p))
            self.team_points = dict(zip(TEAM_LEVELS, pts))
            if r.random() < 0.5:
                scales_rows.append(("team", "弃权", ""))
        if r.random() < 0.4:
            self.custom_scale = "five"
            for lvl, p in zip(["A", "B", "C", "D", "E"], [100, 90, 75, 60, 30]):
                scales_rows.append(("five", lvl, p))
            scales_rows.append(("five", "X", ""))
        if r.random() < 0.3:
            for lvl, p in zip(SURVEY_LEVELS, [100, r.choice([75, 80]), r.choice([55, 40])]):
                scales_rows.append(("survey", lvl, p))
        if r.random() < 0.3:
            for lvl, p in zip(CADRE_LEVELS, [100, r.choice([80, 85]), r.choice([60, 65]), 0]):
                scales_rows.append(("cadre", lvl, p))

        # surveys
        self.has_survey = r.random() < 0.5
        # tree
        self.nodes = []   # dicts
        self.make_tree()

        # ---- files
        cyc = [("code", "G%d" % r.randint(1, 999))]
        if r.random() < 0.5:
            cyc.append(("bonus_cap", g(r.choice([3, 5, 8, 2.5]))))
        if r.random() < 0.5:
            cyc.append(("penalty_cap", g(r.choice([5, 10, 4.5]))))
        if r.random() < 0.5:
            t1 = r.choice([90, 85, 95, 88.5])
            t2 = t1 - r.choice([5, 10])
            t3 = t2 - r.choice([5, 10, 15])
            cyc.append(("team_thresholds", "好=%s;较好=%s;一般=%s" % (g(t1), g(t2), g(t3))))
        if r.random() < 0.6:
            cyc.append(("team_top_quota", g(r.choice([0.2, 0.3, 0.5, 0.1, 0.2857142857, 0.4, 0, 1]))))
        if r.random() < 0.5:
            t1 = r.choice([90, 85, 92])
            cyc.append(("cadre_thresholds", "优秀=%s;称职=%s;基本称职=%s" % (g(t1), g(t1 - 15), g(t1 - 30))))
        if r.random() < 0.6:
            cyc.append(("cadre_top_quota", g(r.choice([0.2, 0.3, 0.5, 0.3333333333, 0.25, 0, 1]))))
        self.min_raters = r.choice([None, 1, 2, 3, 4])
        if self.min_raters is not None:
            cyc.append(("min_raters", self.min_raters))
        if r.random() < 0.7:
            cyc.append(("min_sample", r.choice([1, 2, 3, 5, 200])))
        if r.random() < 0.5:
            cyc.append(("rater_correction", r.choice(["on", "off"])))
        if r.random() < 0.6:
            cyc.append(("veto_cap", r.choice(["一般", "较好", "差", "lowest", "好", ""])))
        if r.random() < 0.2:
            cyc.append(("bonus_cap" if not any(k == "bonus_cap" for k, _ in cyc) else "publicity_days", ""))
        self.channels = None
        if self.has_survey and r.random() < 0.6:
            self.channels = [("phone", 0.6), ("onsite", 0.4)] if r.random() < 0.5 else \
                [("phone", 2), ("onsite", 1), ("web", 1)]
            cyc.append(("survey_channels", ";".join("%s=%s" % (c, g(w)) for c, w in self.channels)))
        if r.random() < 0.9:
            w_csv(os.path.join(out, "cycle.csv"), ["key", "value"], cyc)

        w_csv(os.path.join(out, "categories.csv"), ["code", "name"], [(c, "类" + c) for c in cats])
        w_csv(os.path.join(out, "units.csv"), ["code", "name", "district", "category"], units)
        if scales_rows:
            w_csv(os.path.join(out, "scales.csv"), ["scale", "level", "points"], scales_rows)
        w_csv(os.path.join(out, "rater_groups.csv"), ["code", "name", "combine"],
              [(gc, "组" + gc, cm) for gc, cm in groups])
        w_csv(os.path.join(out, "raters.csv"), ["code", "name", "group"], [(c, "人" + c, gc) for c, gc in raters])

        ind_rows = []
        for n in self.nodes:
            ind_rows.append([n["code"], n["parent"], n["code"] + "名", n["kind"], "", n.get("direction", ""),
                             n.get("method", ""), n.get("params", ""), n.get("missing", ""), "",
                             n.get("raters", ""), n.get("scale", "")] + n["w"])
        if self.nasty["shuffle_tree"]:
            r.shuffle(ind_rows)
        w_csv(os.path.join(out, "indicators.csv"),
              ["code", "parent", "name", "kind", "measure", "direction", "method", "params", "missing",
               "department", "raters", "scale"] + ["weight." + c for c in cats], ind_rows)

        self.write_values_targets(out)
        self.write_ratings_surveys_cadres(out)

    # ------------------------------------------------------------------
    def weights(self, force_positive=False):
        r = self.r
        out = []
        for c in self.cats:
            if force_positive:
                out.append(g(r.choice([1, 2, 3, 1.5, 10])))
            else:
                v = r.choice([0, 1, 1, 2, 3, 0.5, 5, 20, None])
                out.append("" if v is None else g(v))
        return out

    def make_tree(self):
        r = self.r
        ndims = r.randint(1, 3)
        self.leaf_seq = 0
        self.point_leaves = []
        self.scored = []
        self.denominator = None
        if (self.nasty["halfcent"] or self.nasty["quota_ties"]) and r.random() < 0.6:
            # one scored leaf per category path: composites are exactly the leaf scores
            self.add("A", "", "node", True)
            self.add("A1", "A", "node", True)
            n = self.add("A1.01", "A1", "quant", True)
            n["missing"] = r.choice(["", "exclude", "category_mean"])
            self.quant_params(n)
            n["params"] = n["params"].replace("transform=growth;", "").replace("transform=growth", "")
            if n.get("needs_den"):
                n["params"] = ";".join(x for x in n["params"].split(";")
                                       if not x.startswith("transform=") and not x.startswith("denominator="))
                n["needs_den"] = False
            n["growth"] = False
            n["params"] = ";".join(x for x in n["params"].split(";") if x)
            self.scored.append(n)
            for i, kind in enumerate(["bonus", "penalty", "veto"]):
                pl = self.add("A1.%02d" % (50 + i), "A1", kind, True)
                self.point_leaves.append(pl)
            return
        for d in range(ndims):
            code = "ABC"[d]
            self.add(code, "", "node", d == 0)
            depth = r.choice([1, 2, 2, 3])
            self.subtree(code, depth, d == 0)
        # denominators for per_capita
        self.denominator = None
        if any(n.get("needs_den") for n in self.nodes):
            den = {"code": "P.01", "parent": "A", "kind": "quant", "direction": "benefit",
                   "method": "minmax", "params": "lo=pop_min;hi=pop_max", "missing": "",
                   "w": ["0"] * len(self.cats) if r.random() < 0.6 else self.weights()}
            self.nodes.insert(1, den)
            self.scored.append(den)
            self.denominator = "P.01"
            for n in self.nodes:
                if n.get("needs_den"):
                    n["params"] = n["params"].replace("DEN", "P.01")

    def add(self, code, parent, kind, positive=False):
        n = {"code": code, "parent": parent, "kind": kind, "w": self.weights(positive)}
        self.nodes.append(n)
        return n

    def subtree(self, code, depth, positive):
        r = self.r
        if depth <= 1:
            for i in range(r.randint(1, 4)):
                self.leaf(code, "%s.%02d" % (code, i + 1), positive and i == 0)
            # point leaves
            if r.random() < 0.5:
                for i in range(r.randint(1, 3)):
                    kind = r.choice(["bonus", "penalty", "veto"])
                    n = self.add("%s.%02d" % (code, 50 + i), code, kind)
                    if r.random() < 0.7:
                        n["w"] = self.weights(True)
                    self.point_leaves.append(n)
            return
        for i in range(r.randint(1, 3)):
            child = "%s%d" % (code, i + 1) if "." not in code and len(code) == 1 else "%s_%d" % (code, i + 1)
            self.add(child, code, "node", positive and i == 0)
            self.subtree(child, depth - 1 if r.random() < 0.8 else 1, positive and i == 0)

    def leaf(self, parent, code, positive):
        r = self.r
        kinds = ["quant"] * 6 + ["qual"] * 2 + (["survey"] if self.has_survey else [])
        kind = r.choice(kinds)
        n = self.add(code, parent, kind, positive)
        n["missing"] = r.choice(["", "zero", "exclude", "category_mean", "exclude"])
        if kind == "quant":
            self.quant_params(n)
        elif kind == "qual":
            gs = [gc for gc, _ in self.groups]
            if r.random() < 0.25:
                n["raters"] = ""
                n["groupw"] = [(gc, 1.0) for gc in gs]
            else:
                pick = r.sample(gs, r.randint(1, len(gs)))
                gw = [(gc, r.choice([0.1, 0.2, 0.3, 0.5, 1, 2, 0])) for gc in pick]
                n["raters"] = ";".join("%s=%s" % (gc, g(w)) for gc, w in gw)
                n["groupw"] = gw
            n["scale"] = r.choice(["", "team", "numeric", "numeric"] + ([self.custom_scale] if self.custom_scale else []))
        else:
            n["params"] = r.choice(["", "use=index", "use=rate"])
        self.scored.append(n)

    def quant_params(self, n):
        r = self.r
        n["direction"] = r.choice(["benefit", "cost", ""])
        cost = n["direction"] == "cost"
        m = r.choice(["target", "efficacy", "minmax", "bands", "piecewise", "rank", "binary", "zscore"])
        if self.nasty["halfcent"] and r.random() < 0.5:
            m = "bands"
        n["method"] = m
        p = []
        if m == "target":
            if r.random() < 0.5:
                p.append("alpha=%s" % g(r.choice([0.5, 1, 1.5, 2, 3])))
            if r.random() < 0.5:
                p.append("cap=%s" % g(r.choice([1, 1.1, 1.2, 1.5, 0.8])))
            if r.random() < 0.3:
                p.append("schedule=Q1:0.1|Q2:0.4|Q3:0.7|Q4:1")
        elif m == "efficacy":
            a, b = sorted(r.sample([0, 10, 20, 30, 40, 60, 80, 100], 2))
            xs = "pop_min" if r.random() < 0.5 else g(b if cost else a)
            xh = "pop_max" if r.random() < 0.5 else g(a if cost else b)
            if r.random() < 0.3 and xs.startswith("pop"):
                xs = r.choice(["pop_min", "pop_max"])
            p += ["xs=" + xs, "xh=" + xh]
            if r.random() < 0.5:
                p.append("lo=%s" % g(r.choice([0, 30, 40, 50])))
        elif m == "minmax":
            a, b = sorted(r.sample([0, 10, 20, 50, 80, 100, 150], 2))
            p += ["lo=" + ("pop_min" if r.random() < 0.5 else g(a)), "hi=" + ("pop_max" if r.random() < 0.5 else g(b))]
        elif m == "bands":
            k = r.randint(1, 4)
            ths = r.sample([10, 20, 30, 40, 50, 60, 70, 80, 90], k)
            if r.random() < 0.6:
                ths.sort(reverse=not cost)
            if self.nasty["halfcent"]:
                scores = [r.choice(HALF_CENTS) for _ in ths]
            else:
                scores = [r.choice([100, 90, 80, 60, 50, 30, 0, 95.5, 120]) for _ in ths]
            p.append("bands=" + "|".join("%s:%s" % (g(t), g(s)) for t, s in zip(ths, scores)))
            if r.random() < 0.6:
                p.append("else=%s" % g(r.choice([0, 10, 40, 0.005] + (HALF_CENTS if self.nasty["halfcent"] else []))))
        elif m == "piecewise":
            k = r.randint(1, 5)
            xs = r.sample([0, 10, 25, 40, 50, 60, 75, 90, 100], k)
            ss = [r.choice([0, 20, 50, 60, 80, 90, 100]) for _ in xs]
            p.append("breaks=" + "|".join("%s:%s" % (g(a), g(b)) for a, b in zip(xs, ss)))
        elif m == "rank":
            c = r.random()
            if c < 0.4:
                p.append("points=" + "|".join(g(x) for x in sorted(r.sample([100, 95, 90, 85, 80, 70, 60], r.randint(1, 4)), reverse=True)))
            elif c < 0.7:
                p.append("floor=%s" % g(r.choice([0, 50, 60, 80])))
        elif m == "binary":
            p.append("threshold=%s" % g(r.choice([10, 20, 50, 80, 50.5])))
        elif m == "zscore":
            if r.random() < 0.5:
                p.append("center=%s" % g(r.choice([50, 75, 80])))
            if r.random() < 0.5:
                p.append("spread=%s" % g(r.choice([5, 10, 15, 30])))
        # transforms
        c = r.random()
        if c < 0.15:
            p.insert(0, "transform=growth")
            n["growth"] = True
        elif c < 0.27:
            p.insert(0, "transform=%s;denominator=DEN" % r.choice(["per_capita", "ratio"]))
            n["needs_den"] = True
        if r.random() < 0.3:
            r.shuffle(p)
        n["params"] = ";".join(p)

    # ------------------------------------------------------------------
    def applicable(self, n, cat):
        by = {x["code"]: x for x in self.nodes}
        ci = self.cats.index(cat)
        while n is not None:
            w = n["w"][ci]
            if w == "" or not float(w) > 0:
                return False
            n = by.get(n["parent"]) if n["parent"] else None
        return True

    def write_values_targets(self, out):
        r = self.r
        values = []
        targets = []
        tracking = []
        no_scored_units = set()
        if self.nasty["no_scored"]:
            no_scored_units = set(r.sample(self.ucodes, r.randint(1, max(1, len(self.ucodes) // 2))))
        for n in self.nodes:
            if n["kind"] != "quant":
                continue
            code = n["code"]
            m = n.get("method")
            for u in self.ucodes:
                app = self.applicable(n, self.cat_of[u])
                is_den = code == self.denominator
                present = is_den or r.random() < 0.85
                if u in no_scored_units and not is_den:
                    present = False
                if is_den:
                    v = r.choice([1, 2, 5, 10, 0.5, 4])
                elif m == "target":
                    v = self.value(0, 150)
                    if n.get("direction") != "cost" or r.random() < 0.8:
                        v = v if v != 0 else 1
                    if n.get("growth"):
                        v = self.value(0, 150)
                else:
                    v = self.value(-10 if r.random() < 0.1 else 0, 110)
                trow = None
                if m == "target" and app:
                    t = r.choice([50, 80, 100, 120, 10]) if not self.nasty["ties"] else 100
                    trow = [u, code, g(t), "", "approved" if r.random() < 0.7 else ""]
                if n.get("growth"):
                    base = r.choice([50, 100, -40, 80, 120, 1.5])
                    if trow is None:
                        trow = [u, code, "", g(base), r.choice(["proposed", "returned", "approved", ""])]
                        if trow[4] in ("approved", "") and r.random() < 0.5:
                            trow[2] = g(r.choice([10, 20]))
                    else:
                        trow[3] = g(base)
                if trow is None and r.random() < 0.1 and app:
                    trow = [u, code, g(r.choice([50, 100])), "", r.choice(["proposed", "returned", "approved"])]
                if trow is not None:
                    targets.append(trow)
                if present:
                    values.append([u, code, "Y", g(v), r.choice(["", "统计局"])])
                elif r.random() < 0.3:
                    values.append([u, code, "Y", "", ""])
                # tracking values
                if trow is not None and trow[2] != "" and r.random() < 0.5:
                    sched = "schedule=" in n.get("params", "")
                    if sched or r.random() < 0.5:
                        pers = sorted(r.sample(["Q1", "Q2", "Q3", "Q4"], r.randint(1, 3)))
                    else:
                        pers = sorted(r.sample(["M%02d" % i for i in range(1, 13)], r.randint(1, 3)))
                    for per in pers:
                        tv = r.choice([0, 5, 10, 25, 40, 50, 75, 90, 100, 120]) if r.random() < 0.8 else round(r.uniform(0, 120), 2)
                        tracking.append([u, code, per, g(tv), ""])
        # order: tracking values interleaved (leaf-major) to test output ordering
        if r.random() < 0.5:
            # shuffle, but keep each (unit, leaf)'s tracking periods together and in increasing order
            r.shuffle(values)
            blocks = {}
            for t in tracking:
                blocks.setdefault((t[0], t[1]), []).append(t)
            keys = list(blocks)
            r.shuffle(keys)
            tracking = [t for k in keys for t in blocks[k]]
        rows = values + tracking
        w_csv(os.path.join(out, "values.csv"), ["unit", "indicator", "period", "value", "source"], rows)
        if targets:
            if r.random() < 0.7:
                w_csv(os.path.join(out, "targets.csv"), ["unit", "indicator", "target", "baseline", "status"], targets)
            else:
                # no status column (§11.1: default approved): proposed/returned rows keep only a baseline
                rows = []
                for t in targets:
                    if t[4] in ("proposed", "returned"):
                        if t[3] == "":
                            continue
                        t = [t[0], t[1], "", t[3]]
                    rows.append(t[:4])
                w_csv(os.path.join(out, "targets.csv"), ["unit", "indicator", "target", "baseline"], rows)

    def write_ratings_surveys_cadres(self, out):
        r = self.r
        ratings = []
        team_pts = ["好", "较好", "一般", "差"]
        for n in self.nodes:
            if n["kind"] != "qual":
                continue
            scale = n.get("scale") or "team"
            for u in self.ucodes:
                if not self.applicable(n, self.cat_of[u]):
                    continue
                for gc, _w in n["groupw"]:
                    k = r.randint(0, len(self.members[gc]))
                    for rater in r.sample(self.members[gc], k):
                        if scale == "numeric":
                            s = g(self.value(0, 100) if r.random() < 0.5 else r.choice([60, 70, 80, 90, 100]))
                            s = g(min(100, max(0, float(s))))
                        elif scale == "five":
                            s = r.choice(["A", "B", "C", "D", "E", "X", "弃权"])
                        else:
                            s = r.choice(team_pts + ["弃权"] * (1 if r.random() < 0.3 else 0))
                        ratings.append([rater, u, n["code"], s])
            # ratings by a group without weight on the item (stored, ignored: §11.7)
            others = [gc for gc, _ in self.groups if gc not in dict(n["groupw"])]
            if others and r.random() < 0.3:
                gc = r.choice(others)
                for u in self.ucodes:
                    if self.applicable(n, self.cat_of[u]):
                        for rater in self.members[gc][:2]:
                            ratings.append([rater, u, n["code"], "100" if scale == "numeric" else
                                            ("A" if scale == "five" else "好")])
        # avoid duplicate (rater, ratee, item)
        seen = set()
        ratings = [x for x in ratings if not ((x[0], x[1], x[2]) in seen or seen.add((x[0], x[1], x[2])))]

        # surveys
        if self.has_survey:
            items = [("S%d" % (i + 1), "问题%d" % (i + 1), g(self.r.choice([1, 2, 3, 0.5])), r.choice(["", "survey"]))
                     for i in range(r.randint(1, 3))]
            w_csv(os.path.join(out, "survey_items.csv"), ["code", "text", "weight", "scale"], items)
            resp = []
            rid = 0
            chans = [c for c, _ in self.channels] if self.channels else ["", "web", "phone"]
            if self.channels and r.random() < 0.5:
                chans = chans[:-1]   # a configured channel with no response at all
            for u in self.ucodes:
                k = r.choice([0, 1, 2, 3, 4, 6])
                for _ in range(k):
                    rid += 1
                    ch = r.choice(chans)
                    for code, _t, _w, _s in items:
                        if r.random() < 0.85:
                            a = r.choice(SURVEY_LEVELS + ["不了解"])
                            resp.append(["RS%d" % rid, u, ch, code, a])
            if r.random() < 0.9:
                w_csv(os.path.join(out, "responses.csv"), ["response", "unit", "channel", "item", "answer"], resp)

        # positions and cadres
        cadres = []
        positions = []
        adjustments = []
        if r.random() < 0.7:
            for i in range(r.randint(1, 4)):
                principal = r.choice(["1", "0", "yes", "no", "是", "否", "", "true", "false"])
                ws = ["", "", ""]
                if r.random() < 0.5:
                    a = r.choice([0.1, 0.2, 0.3, 0.5])
                    b = r.choice([0, 0.2, 0.4])
                    ws = [g(a), g(b), g(round(1 - a - b, 10))]
                dims = ""
                if r.random() < 0.6:
                    dims = r.choice(["德=0.5;绩=0.5", "德=0.3;能=0.3;绩=0.4", "绩=1"])
                grps = ""
                if r.random() < 0.6:
                    pick = r.sample([gc for gc, _ in self.groups], r.randint(1, len(self.groups)))
                    grps = ";".join("%s=%s" % (gc, g(r.choice([0.2, 0.3, 0.5, 1, 0]))) for gc in pick)
                positions.append(["P%d" % (i + 1), "职位%d" % i, principal] + ws + [dims, grps])
            codes = [n["code"] for n in self.nodes]
            cid = 0
            for u in self.ucodes:
                for _ in range(r.choice([0, 1, 1, 2, 3])):
                    cid += 1
                    resp = ""
                    if r.random() < 0.6:
                        resp = ";".join(r.sample(codes, min(len(codes), r.randint(1, 3))))
                        if r.random() < 0.1:
                            resp += ";" + resp.split(";")[0]
                    cadres.append(["C%d" % cid, "干部%d" % cid, u, r.choice(positions)[0], resp])
            w_csv(os.path.join(out, "positions.csv"),
                  ["code", "name", "principal", "w_team", "w_duty", "w_eval", "dims", "groups"], positions)
            w_csv(os.path.join(out, "cadres.csv"), ["code", "name", "unit", "position", "responsibilities"], cadres)
            posd = {p[0]: p for p in positions}
            for c in cadres:
                p = posd[c[3]]
                dims = [d.split("=")[0] for d in p[6].split(";")] if p[6] else ["德", "能", "勤", "绩", "廉"]
                grps = [x.split("=")[0] for x in p[7].split(";")] if p[7] else [gc for gc, _ in self.groups]
                if r.random() < 0.3:
                    grps = [gc for gc, _ in self.groups]   # some raters outside the position's groups
                for d in dims:
                    for gc in grps:
                        for rater in r.sample(self.members[gc], r.randint(0, len(self.members[gc]))):
                            lv = r.choice(CADRE_LEVELS + ["优秀", "称职", "弃权"])
                            ratings.append([rater, c[0], d, lv])
        if ratings:
            if r.random() < 0.3:
                r.shuffle(ratings)
            w_csv(os.path.join(out, "ratings.csv"), ["rater", "ratee", "item", "score"], ratings)

        # adjustments
        pts = self.point_leaves
        big = self.nasty["big_points"]
        for n in pts:
            for u in self.ucodes:
                if n["kind"] == "veto":
                    p = 0.6 if self.nasty["all_veto"] else 0.15
                    if r.random() < p:
                        adjustments.append([u, n["code"], r.choice(["1", "1", "1.0", "1.00"]), "原因"])
                    elif r.random() < 0.1:
                        adjustments.append([u, n["code"], r.choice(["0", "0.0"]), "不构成"])
                else:
                    for _ in range(r.choice([0, 0, 1, 2])):
                        amt = r.choice([1, 2, 3, 0.5, 4.995, 0.005] + ([6, 12] if big else []))
                        adjustments.append([u, n["code"], g(amt), "理由,含逗号"])
            for c in cadres:
                if n["kind"] == "veto" and r.random() < 0.1:
                    adjustments.append([c[0], n["code"], "1", "违纪"])
                elif n["kind"] != "veto" and r.random() < 0.15:
                    adjustments.append([c[0], n["code"], g(r.choice([1, 2, 0.5])), "个人"])
        if self.nasty["all_veto"]:
            vetoes = [n for n in pts if n["kind"] == "veto"]
            if vetoes:
                have = set(a[0] for a in adjustments if a[1] == vetoes[0]["code"] and a[2] == "1")
                adjustments = [a for a in adjustments if not (a[1] == vetoes[0]["code"] and a[0] in self.ucodes)]
                for u in self.ucodes:
                    adjustments.append([u, vetoes[0]["code"], "1", "全部否决"])
        if adjustments:
            w_csv(os.path.join(out, "adjustments.csv"), ["subject", "indicator", "amount", "reason"], adjustments)


def main(argv):
    seed = int(argv[1])
    Gen(seed).run(argv[2])


if __name__ == "__main__":
    main(sys.argv)
