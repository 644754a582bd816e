#!/usr/bin/env python3
"""pandas_eval.py — the kaohe evaluation method as a capable analyst writes it in pandas.

    python3 bench/pandas_eval.py BUNDLE OUTDIR

What it is for: the yardstick of issue 11.  `kaohe eval` must be at least 20x faster
than this script on the same machine in the same run (bench/compare.sh), and this
script must agree with `kaohe eval` to 1e-9 (tests/cli/t0160-pandas-reference.sh).

How it is written: from ../shared/SPEC.md (sections 3-7, 9.3 and 11) and FORMATS.md,
the way an analyst with pandas/numpy would write it — every big table (ratings,
survey answers, values, cadres) is handled with factorised codes, merges and
group-bys; the loops that remain run over the indicator tree (tens of nodes) and
the categories, each step working on whole columns of units.  It does not validate
the bundle: it assumes a bundle `kaohe validate` accepts (that is what the analyst
compares against).  Output files, row order and number formatting (%.17g, -0 as 0,
inf) follow SPEC 11.22-11.24.

Corners computed without vectorising (correct, not fast; they are small):
the quota rules (SPEC 11.18) loop over the categories for teams, the cadre quota
is vectorised over districts; flag strings are joined per row in Python.
"""
import csv
import math
import os
import sys

import numpy as np
import pandas as pd

INF = float("inf")
ABSTAIN = ("弃权", "不了解")
DEFAULT_SCALES = {
    "team": [("好", 100.0), ("较好", 80.0), ("一般", 60.0), ("差", 0.0)],
    "cadre": [("优秀", 100.0), ("称职", 80.0), ("基本称职", 60.0), ("不称职", 0.0)],
    "survey": [("满意", 100.0), ("基本满意", 75.0), ("不满意", 55.0)],
}
DEFAULT_DIMS = [("德", 0.20), ("能", 0.20), ("勤", 0.15), ("绩", 0.30), ("廉", 0.15)]
SCORED = ("quant", "qual", "survey")
POINTS = ("bonus", "penalty", "veto")


# --------------------------------------------------------------------------- reading

def read(bundle, name, cols=None):
    """One CSV of the bundle as strings, cells and headers trimmed, blank records dropped (SPEC 11.2)."""
    path = os.path.join(bundle, name)
    if not os.path.exists(path):
        return None
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df.columns = [c.strip() for c in df.columns]
    for c in df.columns:
        df[c] = df[c].str.strip()
    if len(df.columns):
        blank = (df == "").all(axis=1)
        if blank.any():
            df = df[~blank].reset_index(drop=True)
    if cols:
        for c in cols:
            if c not in df.columns:
                df[c] = ""
    return df


def kv(s):
    out = []
    for part in (s or "").split(";"):
        part = part.strip()
        if part:
            k, _, v = part.partition("=")
            out.append((k.strip(), v.strip()))
    return out


def pairs(s):
    return [tuple(x.strip() for x in p.partition(":")[::2]) for p in s.split("|")]


def fnum(s, default):
    return float(s) if s not in (None, "") else default


def round2(x):
    return np.floor(100.0 * x + 0.5 + 1e-9) / 100.0


def fmt_array(a):
    """%.17g for a float array; NaN -> empty, 0 and -0 -> 0, +-inf -> inf/-inf."""
    out = []
    ap = out.append
    for x in a.tolist():
        if x != x:
            ap("")
        elif x == 0:
            ap("0")
        elif x == INF:
            ap("inf")
        elif x == -INF:
            ap("-inf")
        else:
            ap("%.17g" % x)
    return out


def write(path, header, cols):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(zip(*cols))


# --------------------------------------------------------------------------- the method

class Eval:
    def __init__(self, bundle):
        self.b = bundle
        rd = lambda n, c=None: read(bundle, n, c)
        cyc = rd("cycle.csv", ["key", "value"])
        cyc = dict(zip(cyc["key"], cyc["value"])) if cyc is not None else {}
        g = lambda k, d: cyc.get(k) or d
        self.bonus_cap = float(g("bonus_cap", "5"))
        self.penalty_cap = float(g("penalty_cap", "10"))
        grades = lambda s, d: [(k, float(v)) for k, v in kv(s)] if s else d
        self.team_grades = grades(g("team_thresholds", ""), [("好", 90.0), ("较好", 80.0), ("一般", 70.0)])
        self.cadre_grades = grades(g("cadre_thresholds", ""), [("优秀", 90.0), ("称职", 75.0), ("基本称职", 60.0)])
        self.team_quota = float(g("team_top_quota", "0.20"))
        self.cadre_quota = float(g("cadre_top_quota", "0.20"))
        self.min_raters = int(float(g("min_raters", "3")))
        self.min_sample = int(float(g("min_sample", "200")))
        self.correction = g("rater_correction", "off").lower() == "on"
        self.veto_cap = g("veto_cap", "一般")
        self.channels = [(k, float(v)) for k, v in kv(g("survey_channels", ""))]

        self.cats = list(rd("categories.csv")["code"])
        units = rd("units.csv", ["district"])
        self.units = units
        self.ucode = units["code"].to_numpy()
        self.U = len(units)
        self.uix = pd.Index(self.ucode)
        self.ucat = pd.Categorical(units["category"], categories=self.cats).codes  # category index per unit

        self.read_tree(rd("indicators.csv"))
        self.read_scales(rd("scales.csv"))
        rg = rd("rater_groups.csv", ["code", "combine"])
        self.groups = list(rg["code"]) if rg is not None else []
        self.combine = dict(zip(rg["code"], rg["combine"].replace("", "mean"))) if rg is not None else {}
        self.raters = rd("raters.csv")
        self.targets = rd("targets.csv", ["target", "baseline", "status"])
        self.values = rd("values.csv", ["period", "value"])
        self.ratings = rd("ratings.csv")
        self.items = rd("survey_items.csv", ["weight", "scale"])
        self.responses = rd("responses.csv", ["channel"])
        self.positions = rd("positions.csv", ["principal", "w_team", "w_duty", "w_eval", "dims", "groups"])
        self.cadres = rd("cadres.csv", ["responsibilities"])
        adj = rd("adjustments.csv")
        if adj is not None and len(adj):
            adj = adj.assign(amount=adj["amount"].astype(float))
            self.adj = adj.groupby(["subject", "indicator"], sort=False)["amount"].sum()
        else:
            self.adj = pd.Series(dtype=float, index=pd.MultiIndex.from_tuples([], names=["subject", "indicator"]))

    # ---- indicator tree
    def read_tree(self, ind):
        self.node = []
        by = {}
        for r in ind.to_dict("records"):
            n = dict(code=r["code"], parent=r.get("parent", ""), kind=r["kind"],
                     dir=r.get("direction", "") or "benefit", method=r.get("method", ""),
                     params=dict(kv(r.get("params", ""))), missing=r.get("missing", "") or "zero",
                     raters=[(k, float(v)) for k, v in kv(r.get("raters", ""))], scale=r.get("scale", ""),
                     w=np.array([fnum(r.get("weight." + c, ""), 0.0) for c in self.cats]), children=[])
            self.node.append(n)
            by[n["code"]] = n
        roots = []
        for n in self.node:
            (by[n["parent"]]["children"] if n["parent"] else roots).append(n)
        pre = []

        def walk(n, app):
            n["app"] = app & (n["w"] > 0)          # SPEC 11.11, per category
            n["path_app"] = app                    # every ancestor applicable
            pre.append(n)
            for c in n["children"]:
                walk(c, n["app"])
        for r in roots:
            walk(r, np.ones(len(self.cats), bool))
        self.pre = pre
        self.roots = roots
        self.by = by
        for i, n in enumerate(pre):
            n["ix"] = i

    def read_scales(self, sc):
        rows = [(s, lv, p) for s, lst in DEFAULT_SCALES.items() for lv, p in lst]
        if sc is not None and len(sc):
            redefined = set(sc["scale"])
            rows = [r for r in rows if r[0] not in redefined]
            rows += [(s, lv, float(p) if p != "" else np.nan)
                     for s, lv, p in zip(sc["scale"], sc["level"], sc["points"])]
        self.scale_tab = pd.DataFrame(rows, columns=["scale", "level", "points"])

    def points_of(self, scale, level):
        """Vectorised level -> points (NaN = abstention / not answered); numeric scales parse numbers."""
        key = pd.DataFrame({"scale": scale, "level": level})
        pts = key.merge(self.scale_tab, on=["scale", "level"], how="left")["points"].to_numpy(float)
        num = scale == "numeric"
        if num.any():
            pts[num] = pd.to_numeric(pd.Series(level[num]), errors="coerce").to_numpy(float)
        pts[np.isin(level, ABSTAIN) & ~num] = np.nan
        return pts

    # ---- SPEC 4: ratings, counted, corrected, combined per (ratee, item, group)
    def rated(self):
        R = self.ratings
        empty = pd.DataFrame(columns=["ratee", "item", "s"])
        self.votes = pd.DataFrame(columns=["ratee", "good", "bad", "tot"])
        if R is None or not len(R):
            return empty
        grp = R["rater"].map(dict(zip(self.raters["code"], self.raters["group"])))
        cad_pos = dict(zip(self.cadres["code"], self.cadres["position"])) if self.cadres is not None else {}
        is_cadre = R["ratee"].isin(cad_pos.keys()).to_numpy()
        # group weights: of the qual leaf (empty = every group 1), or of the cadre's position
        gw = []
        for n in self.node:
            if n["kind"] == "qual":
                for gcode, w in (n["raters"] or [(x, 1.0) for x in self.groups]):
                    gw.append(("L", n["code"], gcode, w))
        for p in self.pos_groups.items():
            for gcode, w in p[1]:
                gw.append(("P", p[0], gcode, w))
        gw = pd.DataFrame(gw, columns=["t", "key", "group", "w"]).drop_duplicates(["t", "key", "group"])
        key = np.where(is_cadre, R["ratee"].map(cad_pos).fillna("").to_numpy(object), R["item"].to_numpy(object))
        df = pd.DataFrame({"rater": R["rater"].to_numpy(), "group": grp.to_numpy(), "ratee": R["ratee"].to_numpy(),
                           "item": R["item"].to_numpy(), "level": R["score"].to_numpy(),
                           "t": np.where(is_cadre, "P", "L"), "key": key})
        df = df.merge(gw, on=["t", "key", "group"], how="left")
        df = df[df["w"] > 0]
        leaf_scale = {n["code"]: (n["scale"] or "team") for n in self.node}
        scale = np.where(df["t"].to_numpy() == "P", "cadre",
                         df["item"].map(leaf_scale).fillna("team").to_numpy(object))
        df = df.assign(pts=self.points_of(scale.astype(object), df["level"].to_numpy(object)))
        df = df[df["pts"].notna()].reset_index(drop=True)
        if self.correction and len(df):                 # SPEC 4, 11.15
            G = df.groupby("group")["pts"].agg(M="mean", D=lambda x: x.std(ddof=0))
            J = df.groupby("rater").agg(m=("pts", "mean"), d=("pts", lambda x: x.std(ddof=0)),
                                        k=("ratee", "nunique"))
            x = df["pts"].to_numpy()
            M = df["group"].map(G["M"]).to_numpy()
            D = df["group"].map(G["D"]).to_numpy()
            m = df["rater"].map(J["m"]).to_numpy()
            d = df["rater"].map(J["d"]).to_numpy()
            k = df["rater"].map(J["k"]).to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                x2 = np.where(d == 0, M + (x - m), M + (x - m) * D / d)
            df["pts"] = np.where(k >= 3, np.clip(x2, 0.0, 100.0), x)
        cad = df[df["t"] == "P"]
        lv = cad["level"]
        self.votes = pd.DataFrame({"ratee": cad["ratee"], "good": lv.isin(("优秀", "称职")).astype(int),
                                   "bad": (lv == "不称职").astype(int), "tot": 1}).groupby("ratee").sum()
        keys = ["ratee", "item", "group"]
        gb = df.groupby(keys, sort=False)["pts"]
        S = gb.agg(n="size", mean="mean", sum="sum", mx="max", mn="min").reset_index()
        S["w"] = df.groupby(keys, sort=False)["w"].first().to_numpy()
        mode = S["group"].map(self.combine).fillna("mean").to_numpy()
        s = S["mean"].to_numpy().copy()
        tr = (mode == "trimmed") & (S["n"].to_numpy() >= 5)
        s[tr] = ((S["sum"] - S["mx"] - S["mn"]) / (S["n"] - 2)).to_numpy()[tr]
        if (mode == "median").any():
            s[mode == "median"] = gb.median().to_numpy()[mode == "median"]
        S["s"] = s
        S = S[S["n"] >= self.min_raters]
        S = S.assign(ws=S["w"] * S["s"])
        out = S.groupby(["ratee", "item"], sort=False)[["ws", "w"]].sum().reset_index()
        out["s"] = out["ws"] / out["w"]
        return out[["ratee", "item", "s"]]

    # ---- SPEC 5, 11.16: surveys
    def surveys(self):
        U = self.U
        res = dict(n=np.zeros(U, np.int64), idx=np.full(U, np.nan), sd=np.full(U, np.nan),
                   rate=np.full(U, np.nan))
        if self.items is None or self.responses is None or not len(self.responses):
            return res
        it = self.items
        w = dict(zip(it["code"], it["weight"].replace("", "1").astype(float)))
        sc = dict(zip(it["code"], it["scale"].replace("", "survey")))
        A = self.responses
        rid, _ = pd.factorize(A["response"])
        item = A["item"]
        ans = A["answer"].to_numpy(object)
        pts = self.points_of(item.map(sc).to_numpy(object), ans)
        wt = item.map(w).to_numpy(float)
        ok = ~np.isnan(pts)
        R = len(_)
        cnt = np.bincount(rid[ok], minlength=R)
        num = np.bincount(rid[ok], weights=(wt * pts)[ok], minlength=R)
        den = np.bincount(rid[ok], weights=wt[ok], minlength=R)
        sat = np.bincount(rid[ok], weights=np.isin(ans[ok], ("满意", "基本满意")).astype(float), minlength=R)
        first = np.unique(rid, return_index=True)[1]
        runit = self.uix.get_indexer(A["unit"].to_numpy()[first])
        rch = A["channel"].to_numpy(object)[first]
        rch[rch == ""] = "web"
        keep = cnt > 0
        score = num[keep] / den[keep]
        runit, rch, rcnt, rsat = runit[keep], rch[keep], cnt[keep], sat[keep]
        n = np.bincount(runit, minlength=U)
        tot = np.bincount(runit, weights=score, minlength=U)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = tot / n
            dev = (score - mean[runit]) ** 2
            sd = np.sqrt(np.bincount(runit, weights=dev, minlength=U) / (n - 1))
            sd[n == 1] = 0.0
            rate = np.bincount(runit, weights=rsat, minlength=U) / np.bincount(runit, weights=rcnt, minlength=U)
            if self.channels:
                cnum = np.zeros(U)
                cden = np.zeros(U)
                for ch, cw in self.channels:
                    m = rch == ch
                    cn = np.bincount(runit[m], minlength=U)
                    cm = np.bincount(runit[m], weights=score[m], minlength=U) / cn
                    has = cn > 0
                    cnum[has] += cw * cm[has]
                    cden[has] += cw
                idx = cnum / cden
            else:
                idx = mean
        none = n == 0
        idx[none] = sd[none] = rate[none] = np.nan
        res.update(n=n, idx=idx, sd=sd, rate=rate)
        return res

    # ---- SPEC 3: one quantitative leaf, all units
    def quant(self, leaf, raw, base, targ):
        code, p, d, m = leaf["code"], leaf["params"], leaf["dir"], leaf["method"]
        x = raw[code].copy()
        t = p.get("transform", "")
        if t == "growth":
            b = base.get(code, np.full(self.U, np.nan))
            x = 100.0 * (x - b) / np.abs(b)
        elif t in ("per_capita", "ratio"):
            x = x / raw[p["denominator"]]
        s = np.full(self.U, np.nan)
        for ci in range(len(self.cats)):
            if not leaf["app"][ci]:
                continue
            mem = self.ucat == ci
            xm = x[mem]
            have = ~np.isnan(xm)
            pop = xm[have]
            xv = xm[have]
            r = np.full(len(xm), np.nan)
            r[have] = self.method(m, d, p, xv, pop, targ.get(code, np.full(self.U, np.nan))[mem][have])
            s[mem] = r
        return x, s

    @staticmethod
    def method(m, d, p, x, pop, t):
        ben = d == "benefit"
        if not len(x):
            return np.zeros(0)
        with np.errstate(divide="ignore", invalid="ignore"):
            if m == "target":
                a, cap = fnum(p.get("alpha"), 1.0), fnum(p.get("cap"), 1.0)
                r = x / t if ben else np.where(x == 0, INF, t / x)
                s = 100.0 * np.clip(1.0 + a * (r - 1.0), 0.0, cap)
                lim = 100.0 * cap if a > 0 else (100.0 * min(1.0, cap) if a == 0 else 0.0)
                return np.where(np.isinf(r), lim, s)
            if m == "efficacy":
                worst, best = (pop.min(), pop.max()) if ben else (pop.max(), pop.min())
                xs = worst if p["xs"].startswith("pop_") else float(p["xs"])
                xh = best if p["xh"].startswith("pop_") else float(p["xh"])
                if xh == xs:
                    return np.full(len(x), 100.0)
                return np.clip(60.0 + 40.0 * (x - xs) / (xh - xs), fnum(p.get("lo"), 0.0), 100.0)
            if m == "minmax":
                end = lambda v: pop.min() if v == "pop_min" else pop.max() if v == "pop_max" else float(v)
                lo, hi = end(p["lo"]), end(p["hi"])
                if hi == lo:
                    return np.full(len(x), 100.0)
                f = (x - lo) / (hi - lo) if ben else (hi - x) / (hi - lo)
                return 100.0 * np.clip(f, 0.0, 1.0)
            if m == "bands":
                s = np.full(len(x), fnum(p.get("else"), 0.0))
                done = np.zeros(len(x), bool)
                for th, sc in pairs(p["bands"]):
                    hit = ~done & ((x >= float(th)) if ben else (x <= float(th)))
                    s[hit] = float(sc)
                    done |= hit
                return s
            if m == "piecewise":
                pts = sorted((float(a), float(b)) for a, b in pairs(p["breaks"]))
                return np.interp(x, [a for a, _ in pts], [b for _, b in pts])
            if m == "rank":
                sp = np.sort(pop)
                k = 1 + ((len(sp) - np.searchsorted(sp, x, "right")) if ben else np.searchsorted(sp, x, "left"))
                if "points" in p:
                    pl = np.array([float(v) for v in p["points"].split("|")])
                    return pl[np.minimum(k, len(pl)) - 1]
                if len(pop) == 1:
                    return np.full(len(x), 100.0)
                fl = fnum(p.get("floor"), 60.0)
                return 100.0 - (k - 1) * (100.0 - fl) / (len(pop) - 1)
            if m == "binary":
                th = float(p["threshold"])
                return np.where((x >= th) if ben else (x <= th), 100.0, 0.0)
            if m == "zscore":
                c, sp = fnum(p.get("center"), 75.0), fnum(p.get("spread"), 10.0)
                if (pop == pop[0]).all():
                    return np.full(len(x), c)
                z = (x - pop.mean()) / pop.std()
                return np.clip(c + sp * (z if ben else -z), 0.0, 100.0)
        raise ValueError("method " + m)

    def adj_of(self, subjects, leaf):
        """Summed adjustment amounts of one point leaf for an array of subjects (0 when none)."""
        try:
            s = self.adj.xs(leaf, level="indicator")
        except KeyError:
            return np.zeros(len(subjects))
        return pd.Series(subjects).map(s).fillna(0.0).to_numpy(float)

    # ---- everything
    def run(self, out):
        U, N = self.U, len(self.pre)
        # positions (needed by ratings)
        self.pos = {}
        self.pos_groups = {}
        if self.positions is not None:
            for r in self.positions.to_dict("records"):
                pr = r["principal"].lower() in ("1", "yes", "true", "是")
                dflt = (0.5, 0.0, 0.5) if pr else (0.3, 0.4, 0.3)
                w = [fnum(r[k], dflt[i]) for i, k in enumerate(("w_team", "w_duty", "w_eval"))]
                dims = [(k, float(v)) for k, v in kv(r["dims"])] or list(DEFAULT_DIMS)
                grp = [(k, float(v)) for k, v in kv(r["groups"])] or [(x, 1.0) for x in self.groups]
                self.pos[r["code"]] = dict(principal=pr, w=w, dims=dims)
                self.pos_groups[r["code"]] = grp
        rated = self.rated()
        sv = self.surveys()

        # values, targets, baselines as unit-aligned arrays per leaf
        raw, targ, base = {}, {}, {}
        V = self.values
        track = None
        if V is not None and len(V):
            per = V["period"].replace("", "Y")
            y = V[per == "Y"]
            ui = self.uix.get_indexer(y["unit"])
            val = pd.to_numeric(y["value"].replace("", np.nan)).to_numpy(float)
            for leaf, ix in y.groupby("indicator", sort=False).indices.items():
                a = np.full(U, np.nan)
                a[ui[ix]] = val[ix]
                raw[leaf] = a
            track = V[(per != "Y") & (V["value"] != "")].assign(period=per)
        T = self.targets
        if T is not None and len(T):
            ui = self.uix.get_indexer(T["unit"])
            ap = (T["status"].replace("", "approved") == "approved") & (T["target"] != "")
            tv = pd.to_numeric(T["target"].where(ap, np.nan)).to_numpy(float)
            bv = pd.to_numeric(T["baseline"].replace("", np.nan)).to_numpy(float)
            for leaf, ix in T.groupby("indicator", sort=False).indices.items():
                a = np.full(U, np.nan)
                a[ui[ix]] = tv[ix]
                targ[leaf] = a
                b = np.full(U, np.nan)
                b[ui[ix]] = bv[ix]
                base[leaf] = b
        for n in self.node:
            raw.setdefault(n["code"], np.full(U, np.nan))

        # SPEC 3-5: leaf values and scores (before the missing policy), U x N matrices
        app = np.stack([n["app"][self.ucat] for n in self.pre], axis=1)        # U x N applicability
        value = np.full((U, N), np.nan)
        score = np.full((U, N), np.nan)
        rated_ix = rated.set_index(["ratee", "item"])["s"] if len(rated) else pd.Series(dtype=float)
        for n in self.pre:
            j, k = n["ix"], n["kind"]
            if k == "quant":
                value[:, j], score[:, j] = self.quant(n, raw, base, targ)
            elif k == "qual":
                if len(rated):
                    r = rated[rated["item"] == n["code"]]
                    a = np.full(U, np.nan)
                    ui = self.uix.get_indexer(r["ratee"])
                    a[ui[ui >= 0]] = r["s"].to_numpy()[ui >= 0]
                    value[:, j] = score[:, j] = a
            elif k == "survey":
                a = sv["idx"] if n["params"].get("use", "index") != "rate" else 100.0 * sv["rate"]
                value[:, j] = score[:, j] = a
            if k in SCORED:
                value[~app[:, j], j] = np.nan
                score[~app[:, j], j] = np.nan

        # SPEC 3, 11.14: missing-value policy
        final = score.copy()
        missing = np.zeros((U, N), bool)
        for n in self.pre:
            if n["kind"] not in SCORED:
                continue
            j = n["ix"]
            miss = app[:, j] & np.isnan(score[:, j])
            missing[:, j] = miss
            if n["missing"] == "zero":
                final[miss, j] = 0.0
            elif n["missing"] == "category_mean":
                s = pd.Series(score[:, j]).groupby(self.ucat).mean()     # NaN-skipping mean per category
                final[miss, j] = pd.Series(self.ucat[miss]).map(s).to_numpy(float)

        # SPEC 6: aggregation bottom-up, weight_global top-down
        W = np.stack([n["w"][self.ucat] for n in self.pre], axis=1)           # U x N weights
        nscore = np.full((U, N), np.nan)

        def agg(n):
            j = n["ix"]
            if n["kind"] in SCORED:
                nscore[:, j] = np.where(app[:, j], final[:, j], np.nan)
                return
            num = np.zeros(U)
            den = np.zeros(U)
            for c in n["children"]:
                if c["kind"] in POINTS:
                    continue
                agg(c)
                cs = nscore[:, c["ix"]]
                ok = app[:, c["ix"]] & ~np.isnan(cs)
                num[ok] += W[ok, c["ix"]] * cs[ok]
                den[ok] += W[ok, c["ix"]]
            with np.errstate(invalid="ignore", divide="ignore"):
                nscore[:, j] = np.where(den > 0, num / den, np.nan)
        rnum = np.zeros(U)
        rden = np.zeros(U)
        for r in self.roots:
            if r["kind"] in POINTS:
                continue
            agg(r)
            cs = nscore[:, r["ix"]]
            ok = app[:, r["ix"]] & ~np.isnan(cs)
            rnum[ok] += W[ok, r["ix"]] * cs[ok]
            rden[ok] += W[ok, r["ix"]]
        nscore[~app] = np.nan
        no_score = ~(rden > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            basev = np.where(rden > 0, rnum / rden, 0.0)
        wg = np.zeros((U, N))

        def glob(nodes, pw):
            kids = [c for c in nodes if c["kind"] not in POINTS]
            if not kids:
                return
            scored = np.stack([app[:, c["ix"]] & ~np.isnan(nscore[:, c["ix"]]) for c in kids], axis=1)
            tot = np.zeros(U)
            for i, c in enumerate(kids):
                tot[scored[:, i]] += W[scored[:, i], c["ix"]]
            for i, c in enumerate(kids):
                with np.errstate(invalid="ignore", divide="ignore"):
                    wg[:, c["ix"]] = np.where(scored[:, i], pw * (W[:, c["ix"]] / tot), 0.0)
                if c["kind"] == "node":
                    glob(c["children"], wg[:, c["ix"]])
        glob(self.roots, np.ones(U))

        # SPEC 6: points, composite, veto, ranks, grades
        pts = np.zeros((U, N))
        bsum, psum = np.zeros(U), np.zeros(U)
        vetoed = {}
        for n in self.pre:
            if n["kind"] in POINTS:
                a = self.adj_of(self.ucode, n["code"])
                pts[:, n["ix"]] = a
                if n["kind"] == "bonus":
                    bsum += a
                elif n["kind"] == "penalty":
                    psum += a
                else:
                    vetoed[n["code"]] = a == 1.0
        bonus = np.minimum(bsum, self.bonus_cap)
        pen = np.minimum(psum, self.penalty_cap)
        comp = basev + bonus - pen
        anyveto = np.zeros(U, bool)
        for v in vetoed.values():
            anyveto |= v
        r2 = round2(comp)
        s2 = pd.Series(r2)
        rank_all = s2.rank(method="min", ascending=False).astype(int).to_numpy()
        rank_cat = s2.groupby(self.ucat).rank(method="min", ascending=False).astype(int).to_numpy()
        names = [gname for gname, _ in self.team_grades] + ["差"]
        gi = self.threshold(r2, self.team_grades)
        cap = len(names) - 1 if self.veto_cap == "lowest" else names.index(self.veto_cap)
        gi[anyveto] = np.maximum(gi[anyveto], max(cap, 1))
        n_cat = np.bincount(self.ucat, minlength=len(self.cats))
        places = np.maximum(1, np.floor(self.team_quota * n_cat + 1e-9)).astype(int)
        qflag = self.quota(self.ucat, gi, r2, places)

        # SPEC 7: cadres
        cad_rows = self.cadre_results(rated, comp, nscore, wg, vetoed, gi)

        # ---- write (SPEC 11.22-11.24)
        os.makedirs(out, exist_ok=True)
        if os.path.exists(os.path.join(out, "warnings.csv")):
            os.remove(os.path.join(out, "warnings.csv"))
        has_sv = self.items is not None and len(self.items) > 0
        small = sv["n"] < self.min_sample
        flags = [[] for _ in range(U)]
        for n in self.pre:
            if n["kind"] in SCORED:
                for u in np.nonzero(missing[:, n["ix"]])[0]:
                    flags[u].append("missing:" + n["code"])
        vcol = [[] for _ in range(U)]
        for code, v in vetoed.items():
            for u in np.nonzero(v)[0]:
                flags[u].append("veto:" + code)
                vcol[u].append(code)
        for u in range(U):
            if has_sv and small[u]:
                flags[u].append("sample_small")
            if qflag[u] > 0:
                flags[u].append("quota_exceeded:%d" % qflag[u])
            if no_score[u]:
                flags[u].append("no_score")
        write(os.path.join(out, "results_units.csv"),
              ["unit", "category", "base", "bonus", "penalty", "composite", "rank_category", "rank_overall",
               "grade", "veto", "flags"],
              [self.ucode, self.units["category"], fmt_array(basev), fmt_array(bonus), fmt_array(pen),
               fmt_array(comp), rank_cat, rank_all, [names[i] for i in gi], [";".join(v) for v in vcol],
               [";".join(f) for f in flags]])

        # results_nodes: scored/structural nodes where applicable, point leaves where their path is
        kinds = np.array([n["kind"] for n in self.pre], object)
        ispt = np.isin(kinds, POINTS)
        path = np.stack([n["path_app"][self.ucat] for n in self.pre], axis=1)
        listed = np.where(ispt[None, :], path, app)
        uu, jj = np.nonzero(listed)
        isnode = kinds[jj] == "node"
        p_ = ispt[jj]
        val = np.where(p_, pts[uu, jj], value[uu, jj])
        val[isnode] = np.nan
        sc = nscore[uu, jj]
        sc[p_] = np.nan
        wgv = wg[uu, jj]
        wgs = fmt_array(wgv)
        for i in np.nonzero(p_)[0]:
            wgs[i] = ""
        ncode = np.array([n["code"] for n in self.pre], object)
        write(os.path.join(out, "results_nodes.csv"), ["unit", "node", "value", "score", "weight_global"],
              [self.ucode[uu], ncode[jj], fmt_array(val), fmt_array(sc), wgs])
        write(os.path.join(out, "results_cadres.csv"),
              ["cadre", "unit", "position", "team", "duty", "evaluation", "penalty", "score", "grade", "veto",
               "flags"], cad_rows)
        if has_sv:
            half = 1.96 * sv["sd"] / np.sqrt(sv["n"].astype(float))
            cols = [self.ucode, sv["n"], fmt_array(sv["idx"]), fmt_array(sv["sd"]), fmt_array(sv["idx"] - half),
                    fmt_array(sv["idx"] + half), fmt_array(sv["rate"]), np.where(small, "sample_small", "")]
        else:
            cols = [[]] * 8
        write(os.path.join(out, "results_surveys.csv"),
              ["unit", "n", "mean", "sd", "ci_low", "ci_high", "rate", "flags"], cols)
        self.tracking(track, targ)

    @staticmethod
    def threshold(r2, grades):
        gi = np.full(len(r2), len(grades))
        for i in range(len(grades) - 1, -1, -1):
            gi[r2 >= grades[i][1]] = i
        return gi

    @staticmethod
    def quota(group, gi, r2, places):
        """SPEC 11.18 for every group at once; gi changed in place, returns quota_exceeded counts."""
        n = len(gi)
        flag = np.zeros(n, int)
        cand = np.nonzero(gi == 0)[0]
        if not len(cand):
            return flag
        df = pd.DataFrame({"g": group[cand], "r": r2[cand], "i": cand})
        df = df.sort_values(["g", "r"], ascending=[True, False], kind="stable")
        df["k"] = df.groupby("g").cumcount()
        df["pl"] = places[df["g"].to_numpy()]
        last = df[df["k"] == df["pl"] - 1].set_index("g")["r"]
        df["last"] = df["g"].map(last)
        over = df.groupby("g")["i"].transform("size") > df["pl"]
        keep = ~over | ((df["pl"] > 0) & (df["r"] >= df["last"]))
        gi[df["i"][~keep].to_numpy()] = 1
        kept = df[keep & over]
        exc = kept.groupby("g")["i"].transform("size") - kept["pl"]
        flag[kept["i"][exc > 0].to_numpy()] = exc[exc > 0].to_numpy()
        return flag

    def cadre_results(self, rated, comp, nscore, wg, vetoed, team_gi):
        C = self.cadres
        hdr = 11
        if C is None or not len(C):
            return [[]] * hdr
        K = len(C)
        cu = self.uix.get_indexer(C["unit"])
        pos = C["position"].to_numpy(object)
        P = pd.DataFrame([(k, v["principal"], *v["w"]) for k, v in self.pos.items()],
                         columns=["p", "pr", "wt", "wd", "we"]).set_index("p")
        pr = pd.Series(pos).map(P["pr"]).to_numpy(bool)
        wt = pd.Series(pos).map(P["wt"]).to_numpy(float)
        wd = pd.Series(pos).map(P["wd"]).to_numpy(float)
        we = pd.Series(pos).map(P["we"]).to_numpy(float)
        team = comp[cu]
        # duty: responsibilities exploded to (cadre, node) pairs, each node once
        resp = C["responsibilities"].str.split(";").explode().str.strip()
        resp = resp[resp.notna() & (resp != "")]
        E = pd.DataFrame({"c": resp.index.to_numpy(), "node": resp.to_numpy()}).drop_duplicates()
        nix = {n["code"]: n["ix"] for n in self.pre}
        E["j"] = E["node"].map(nix)
        E["u"] = cu[E["c"].to_numpy()]
        kinds = {n["code"]: n["kind"] for n in self.pre}
        D = E[~E["node"].map(kinds).isin(POINTS)]
        s = nscore[D["u"].to_numpy(), D["j"].to_numpy()]
        w = wg[D["u"].to_numpy(), D["j"].to_numpy()]
        ok = ~np.isnan(s)
        num = np.bincount(D["c"].to_numpy()[ok], weights=(w * s)[ok], minlength=K)
        den = np.bincount(D["c"].to_numpy()[ok], weights=w[ok], minlength=K)
        has = den > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            duty = np.where(has, num / den, np.nan)
        wt = np.where(has, wt, wt + wd)
        wd = np.where(has, wd, 0.0)
        # evaluation: dimension scores (rated like qual leaves) weighted by the position's dims
        dims = pd.DataFrame([(k, d, dw) for k, v in self.pos.items() for d, dw in v["dims"]],
                            columns=["position", "item", "dw"])
        X = pd.DataFrame({"ratee": C["code"], "position": pos, "c": np.arange(K)}).merge(dims, on="position")
        if len(rated):
            X = X.merge(rated, on=["ratee", "item"], how="left")
        else:
            X["s"] = np.nan
        X = X[X["s"].notna() & (X["dw"] > 0)]
        dn = np.bincount(X["c"].to_numpy(), weights=(X["dw"] * X["s"]).to_numpy(), minlength=K)
        dd = np.bincount(X["c"].to_numpy(), weights=X["dw"].to_numpy(), minlength=K)
        emiss = ~(dd > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            ev = np.where(emiss, 0.0, dn / dd)
        codes = C["code"].to_numpy()
        penv = np.zeros(K)
        indiv = [[] for _ in range(K)]
        indiv_any = np.zeros(K, bool)
        unit_v = [[] for _ in range(K)]
        resp_v = [[] for _ in range(K)]
        resp_any = np.zeros(K, bool)
        for n in self.pre:
            if n["kind"] == "penalty":
                penv += self.adj_of(codes, n["code"])
            elif n["kind"] == "veto":
                hit = self.adj_of(codes, n["code"]) == 1.0
                indiv_any |= hit
                for c in np.nonzero(hit)[0]:
                    indiv[c].append(n["code"])
                uv = vetoed[n["code"]][cu]
                for c in np.nonzero(uv)[0]:
                    unit_v[c].append(n["code"])
                anc = set()
                a = n
                while a is not None:
                    anc.add(a["code"])
                    a = self.by[a["parent"]] if a["parent"] else None
                rv = np.zeros(K, bool)
                rv[E["c"][E["node"].isin(anc)].unique()] = True
                rv &= uv
                resp_any |= rv
                for c in np.nonzero(rv)[0]:
                    resp_v[c].append(n["code"])
        score = wt * team + np.where(has, wd * np.nan_to_num(duty), 0.0) + we * ev - penv
        names = [g for g, _ in self.cadre_grades] + ["不称职"]
        gi = self.threshold(round2(score), self.cadre_grades)
        tg = team_gi[cu]
        capp = pr & (tg >= 2)
        gi[capp] = np.maximum(gi[capp], tg[capp] - 1)
        dep = ~pr & resp_any
        gi[dep] = np.maximum(gi[dep], 1)
        gi[indiv_any] = len(names) - 1
        dist = pd.factorize(self.units["district"].to_numpy(object)[cu])[0]
        nd = np.bincount(dist)
        places = np.floor(self.cadre_quota * nd + 1e-9).astype(int)
        qf = self.quota(dist, gi, round2(score), places)
        vt = self.votes.reindex(codes).fillna(0).astype(int)
        caution = (3 * vt["good"] < 2 * vt["tot"]).to_numpy()
        review = (3 * vt["bad"] > vt["tot"]).to_numpy()
        flags = []
        for c in range(K):
            f = ["unit_veto:" + v for v in unit_v[c]] + ["resp_veto:" + v for v in resp_v[c]]
            f += ["veto:" + v for v in indiv[c]]
            if caution[c]:
                f.append("vote_caution")
            if review[c]:
                f.append("vote_review")
            if emiss[c]:
                f.append("missing:evaluation")
            if qf[c] > 0:
                f.append("quota_exceeded:%d" % qf[c])
            flags.append(";".join(f))
        return [codes, C["unit"], pos, fmt_array(team), fmt_array(duty), fmt_array(ev), fmt_array(penv),
                fmt_array(score), [names[i] for i in gi], [";".join(v) for v in indiv], flags]

    def tracking(self, T, targ):
        """SPEC 9.3, 11.21: warnings.csv only when there is a row."""
        if T is None or not len(T):
            return
        lv = {n["code"]: n for n in self.node}
        keep = T["indicator"].map(lambda c: c in lv and not lv[c]["params"].get("transform", "")).to_numpy(bool)
        T = T[keep].reset_index(drop=True)
        ui = self.uix.get_indexer(T["unit"])
        t = np.full(len(T), np.nan)
        share = np.full(len(T), np.nan)
        cost = np.zeros(len(T), bool)
        for leaf, ix in T.groupby("indicator", sort=False).indices.items():
            if leaf in targ:
                t[ix] = targ[leaf][ui[ix]]
            n = lv[leaf]
            cost[ix] = n["dir"] == "cost"
            sched = n["params"].get("schedule", "")
            per = T["period"].to_numpy(object)[ix]
            if sched:
                share[ix] = pd.Series(per).map({k: float(v) for k, v in pairs(sched)}).to_numpy(float)
            else:
                q = np.char.startswith(per.astype(str), "Q")
                k = np.array([int(p[1:]) for p in per], float)
                share[ix] = np.where(q, k / 4.0, k / 12.0)
        ok = ~np.isnan(t)
        if not ok.any():
            return
        T = T[ok]
        t, share, cost, ui = t[ok], share[ok], cost[ok], ui[ok]
        actual = T["value"].astype(float).to_numpy()
        exp = t * share
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(cost, np.where(actual == 0, INF, exp / actual), actual / exp)
        level = np.where(ratio >= 0.95, "green", np.where(ratio >= 0.80, "yellow", "red"))
        nix = {n["code"]: n["ix"] for n in self.pre}
        # units.csv order, tree pre-order, chronological period (default elapsed share, then
        # period code), values.csv order (docs/method.md, warning row order)
        per = T["period"].to_numpy(object)
        dshare = np.array([int(p[1:]) / (4.0 if p[0] == "Q" else 12.0) for p in per])
        pcode = pd.factorize(per, sort=True)[0]
        order = np.lexsort((np.arange(len(T)), pcode, dshare, T["indicator"].map(nix).to_numpy(), ui))
        cols = [T["unit"].to_numpy()[order], T["indicator"].to_numpy()[order], T["period"].to_numpy()[order],
                fmt_array(exp[order]), fmt_array(actual[order]), fmt_array(ratio[order]), level[order]]
        write(os.path.join(self.out, "warnings.csv"),
              ["unit", "indicator", "period", "expected", "actual", "ratio", "level"], cols)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: pandas_eval.py BUNDLE OUTDIR\n")
        return 2
    e = Eval(argv[1])
    e.out = argv[2]
    e.run(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
