#!/usr/bin/env python3
"""kaohe_ref.py — an independent reference implementation of the kaohe method.

Derived only from SPEC.md (§3–§7, §9.3, §11) and FORMATS.md, never from the C
engine.  Python 3 standard library only.

    python3 kaohe_ref.py BUNDLE OUTDIR

Reads a bundle folder (assumed valid) and writes results_units.csv,
results_nodes.csv, results_cadres.csv, results_surveys.csv and, when there is at
least one tracking row, warnings.csv, in the formats of the worked examples.
"""
import csv
import math
import os
import sys

INF = float("inf")


# ----------------------------------------------------------------------------
# Reading (§11.1–§11.10)
# ----------------------------------------------------------------------------

def read_csv(bundle, name):
    """§11.2: trimmed cells and headers, all-empty records skipped. Absent → None."""
    path = os.path.join(bundle, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    out = []
    for r in rows[1:]:
        cells = [c.strip() for c in r]
        if all(c == "" for c in cells):
            continue
        out.append(dict(zip(header, cells)))
    return out


def num(s):
    return float(s)


def parse_kv(s):
    """§11.3: `k=v;k=v` (order kept)."""
    out = []
    if not s:
        return out
    for part in s.split(";"):
        part = part.strip()
        if not part:
            continue
        k, _, v = part.partition("=")
        out.append((k.strip(), v.strip()))
    return out


def parse_pairs(s):
    """§11.3: `a:b|c:d` → [(a, b), ...] as floats."""
    out = []
    for part in s.split("|"):
        a, _, b = part.partition(":")
        out.append((a.strip(), b.strip()))
    return out


def parse_grades(s, default):
    """§11.19: `好=90;较好=80;一般=70` (decreasing thresholds), bottom grade implied."""
    if not s:
        return default
    return [(k, float(v)) for k, v in parse_kv(s)]


DEFAULT_SCALES = {   # §11.6
    "team": {"好": 100.0, "较好": 80.0, "一般": 60.0, "差": 0.0},
    "cadre": {"优秀": 100.0, "称职": 80.0, "基本称职": 60.0, "不称职": 0.0},
    "survey": {"满意": 100.0, "基本满意": 75.0, "不满意": 55.0},
}
ABSTAIN = ("弃权", "不了解")
DEFAULT_DIMS = [("德", 0.20), ("能", 0.20), ("勤", 0.15), ("绩", 0.30), ("廉", 0.15)]


class Bundle:
    def __init__(self, path):
        rd = lambda n: read_csv(path, n)
        # cycle.csv (§11.1: empty value = default)
        cyc = {r["key"]: r.get("value", "") for r in (rd("cycle.csv") or [])}
        g = lambda k, d: cyc[k] if cyc.get(k, "") != "" else d
        self.bonus_cap = float(g("bonus_cap", "5"))
        self.penalty_cap = float(g("penalty_cap", "10"))
        self.team_grades = parse_grades(g("team_thresholds", ""), [("好", 90.0), ("较好", 80.0), ("一般", 70.0)])
        self.team_bottom = "差"
        self.team_quota = float(g("team_top_quota", "0.20"))
        self.cadre_grades = parse_grades(g("cadre_thresholds", ""), [("优秀", 90.0), ("称职", 75.0), ("基本称职", 60.0)])
        self.cadre_bottom = "不称职"
        self.cadre_quota = float(g("cadre_top_quota", "0.20"))
        self.min_raters = int(float(g("min_raters", "3")))
        self.min_sample = int(float(g("min_sample", "200")))
        self.rater_correction = g("rater_correction", "off").lower() == "on"
        self.veto_cap = g("veto_cap", "一般")
        self.channels = [(k, float(v)) for k, v in parse_kv(g("survey_channels", ""))]

        self.categories = [r["code"] for r in rd("categories.csv")]
        self.units = rd("units.csv")
        self.unit_by = {u["code"]: u for u in self.units}

        # indicator tree
        self.nodes = []
        self.node_by = {}
        for r in rd("indicators.csv"):
            n = {
                "code": r["code"], "parent": r.get("parent", ""), "kind": r["kind"],
                "direction": r.get("direction", "") or "benefit",
                "method": r.get("method", ""), "params": dict(parse_kv(r.get("params", ""))),
                "missing": r.get("missing", "") or "zero",
                "raters": [(k, float(v)) for k, v in parse_kv(r.get("raters", ""))], "scale": r.get("scale", ""),
                "weight": {c: (float(r.get("weight." + c, "") or 0)) for c in self.categories},
                "children": [],
            }
            self.nodes.append(n)
            self.node_by[n["code"]] = n
        self.roots = []
        for n in self.nodes:
            if n["parent"]:
                self.node_by[n["parent"]]["children"].append(n)
            else:
                self.roots.append(n)
        self.preorder = []

        def walk(n):
            self.preorder.append(n)
            for c in n["children"]:
                walk(c)
        for r in self.roots:
            walk(r)

        # scales (§11.6)
        self.scales = {k: dict(v) for k, v in DEFAULT_SCALES.items()}
        sc = rd("scales.csv")
        if sc:
            redefined = {}
            for r in sc:
                redefined.setdefault(r["scale"], {})[r["level"]] = (
                    float(r["points"]) if r.get("points", "") != "" else None)
            self.scales.update(redefined)

        self.groups = []
        self.group_combine = {}
        for r in rd("rater_groups.csv") or []:
            self.groups.append(r["code"])
            self.group_combine[r["code"]] = r.get("combine", "") or "mean"
        self.rater_group = {r["code"]: r["group"] for r in (rd("raters.csv") or [])}

        self.targets = {}     # (unit, leaf) -> approved target
        self.baselines = {}   # (unit, leaf) -> baseline (any status)
        for r in rd("targets.csv") or []:
            key = (r["unit"], r["indicator"])
            st = r.get("status", "") or "approved"
            if st == "approved" and r.get("target", "") != "":
                self.targets[key] = float(r["target"])
            if r.get("baseline", "") != "":
                self.baselines[key] = float(r["baseline"])

        self.values = {}      # (unit, leaf) -> raw Y value or None (empty cell)
        self.tracking = []    # (unit, leaf, period, value) in input order
        for r in rd("values.csv") or []:
            per = r.get("period", "") or "Y"
            v = float(r["value"]) if r.get("value", "") != "" else None
            if per == "Y":
                self.values[(r["unit"], r["indicator"])] = v
            elif v is not None:
                self.tracking.append((r["unit"], r["indicator"], per, v))

        self.ratings = [r for r in (rd("ratings.csv") or [])]
        self.survey_items = {}
        self.survey_item_order = []
        for r in rd("survey_items.csv") or []:
            self.survey_items[r["code"]] = (float(r.get("weight", "") or 1), r.get("scale", "") or "survey")
            self.survey_item_order.append(r["code"])
        self.responses = rd("responses.csv") or []

        self.positions = {}
        for r in rd("positions.csv") or []:
            p = (r.get("principal", "") or "").strip().lower()
            principal = p in ("1", "yes", "true", "是")
            d = (0.5, 0.0, 0.5) if principal else (0.3, 0.4, 0.3)
            w = [float(r[k]) if r.get(k, "") != "" else d[i] for i, k in enumerate(("w_team", "w_duty", "w_eval"))]
            dims = [(k, float(v)) for k, v in parse_kv(r.get("dims", ""))] or list(DEFAULT_DIMS)
            grp = [(k, float(v)) for k, v in parse_kv(r.get("groups", ""))]
            if not grp:
                grp = [(gc, 1.0) for gc in self.groups]
            self.positions[r["code"]] = {"principal": principal, "w": w, "dims": dims, "groups": grp}
        self.cadres = []
        for r in rd("cadres.csv") or []:
            resp = [x.strip() for x in (r.get("responsibilities", "") or "").split(";") if x.strip()]
            self.cadres.append({"code": r["code"], "unit": r["unit"], "position": r["position"], "resp": resp})
        self.cadre_by = {c["code"]: c for c in self.cadres}

        self.adjust = {}      # (subject, leaf) -> summed amount (§11.9)
        self.adjust_order = []
        for r in rd("adjustments.csv") or []:
            key = (r["subject"], r["indicator"])
            if key not in self.adjust:
                self.adjust[key] = 0.0
                self.adjust_order.append(key)
            self.adjust[key] += float(r["amount"])


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------

def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def round2(x):
    """§6: floor(100·x + 0.5 + 1e-9) / 100 in IEEE doubles, in that order."""
    return math.floor(100.0 * x + 0.5 + 1e-9) / 100.0


def competition_ranks(keys, better):
    """§6: standard competition ranking (1, 2, 2, 4). better(a, b) → a strictly ahead of b."""
    return [1 + sum(1 for o in keys if better(o, k)) for k in keys]


def mean(xs):
    return sum(xs) / len(xs)


def pop_sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def is_scored_kind(n):
    return n["kind"] in ("quant", "qual", "survey")


def is_point_kind(n):
    return n["kind"] in ("bonus", "penalty", "veto")


# ----------------------------------------------------------------------------
# §11.11 applicability
# ----------------------------------------------------------------------------

def applicable(b, node, cat):
    """§11.11: the node and every ancestor have weight > 0 in the category."""
    n = node
    while n is not None:
        if not n["weight"][cat] > 0:
            return False
        n = b.node_by[n["parent"]] if n["parent"] else None
    return True


# ----------------------------------------------------------------------------
# §3 quantitative leaves
# ----------------------------------------------------------------------------

def transformed_value(b, unit, leaf):
    """§3 transforms: growth (§11.10 baseline) and per_capita / ratio."""
    v = b.values.get((unit, leaf["code"]))
    if v is None:
        return None
    t = leaf["params"].get("transform", "")
    if t == "growth":
        base = b.baselines[(unit, leaf["code"])]
        return 100.0 * (v - base) / abs(base)
    if t in ("per_capita", "ratio"):
        d = b.values[(unit, leaf["params"]["denominator"])]
        return v / d
    return v


def pnum(p, k, default=None):
    v = p.get(k, "")
    return float(v) if v != "" else default


def score_target(x, t, dirn, p):
    """§3 target: r = x/t or t/x (x = 0 → +∞); s = 100·clamp(1 + α(r − 1), 0, cap); §11.27 r = +∞ limit."""
    alpha = pnum(p, "alpha", 1.0)
    cap = pnum(p, "cap", 1.0)
    if dirn == "benefit":
        r = x / t
    else:
        r = INF if x == 0 else t / x
    if r == INF:
        if alpha > 0:
            return 100.0 * cap
        if alpha == 0:
            return 100.0 * clamp(1.0, 0.0, cap)
        return 0.0
    return 100.0 * clamp(1.0 + alpha * (r - 1.0), 0.0, cap)


def score_efficacy(x, dirn, p, popvals):
    """§3 efficacy, §11.12: pop_* ends chosen by direction (xs worst, xh best)."""
    worst = (min if dirn == "benefit" else max)
    best = (max if dirn == "benefit" else min)
    xs = p["xs"]
    xh = p["xh"]
    xs = worst(popvals) if xs.startswith("pop_") else float(xs)
    xh = best(popvals) if xh.startswith("pop_") else float(xh)
    lo = pnum(p, "lo", 0.0)
    if xh == xs:
        return 100.0
    return clamp(60.0 + 40.0 * (x - xs) / (xh - xs), lo, 100.0)


def score_minmax(x, dirn, p, popvals):
    """§3 minmax, §11.27: pop_min/pop_max literal."""
    def end(s):
        if s == "pop_min":
            return min(popvals)
        if s == "pop_max":
            return max(popvals)
        return float(s)
    lo = end(p["lo"])
    hi = end(p["hi"])
    if hi == lo:
        return 100.0
    if dirn == "benefit":
        return 100.0 * clamp((x - lo) / (hi - lo), 0.0, 1.0)
    return 100.0 * clamp((hi - x) / (hi - lo), 0.0, 1.0)


def score_bands(x, dirn, p):
    """§3 bands, §11.13: thresholds tried in the order listed."""
    for th, s in parse_pairs(p["bands"]):
        th = float(th)
        if (x >= th) if dirn == "benefit" else (x <= th):
            return float(s)
    return pnum(p, "else", 0.0)


def score_piecewise(x, p):
    """§3 piecewise: sorted by x, linear between, constant beyond the ends."""
    pts = sorted((float(a), float(c)) for a, c in parse_pairs(p["breaks"]))
    if x <= pts[0][0]:
        return pts[0][1]
    if x >= pts[-1][0]:
        return pts[-1][1]
    for (x0, s0), (x1, s1) in zip(pts, pts[1:]):
        if x0 <= x <= x1:
            if x == x1:
                return s1
            return s0 + (s1 - s0) * (x - x0) / (x1 - x0)
    raise AssertionError


def score_rank(x, dirn, p, popvals):
    """§3 rank: competition rank among the population (§11.13 exact values)."""
    n = len(popvals)
    if dirn == "benefit":
        k = 1 + sum(1 for v in popvals if v > x)
    else:
        k = 1 + sum(1 for v in popvals if v < x)
    if "points" in p:
        pts = [float(v) for v in p["points"].split("|")]
        return pts[min(k, len(pts)) - 1]
    floor_ = pnum(p, "floor", 60.0)
    if n == 1:
        return 100.0
    return 100.0 - (k - 1) * (100.0 - floor_) / (n - 1)


def score_binary(x, dirn, p):
    """§3 binary, §11.13: ≥ (benefit) / ≤ (cost)."""
    th = float(p["threshold"])
    ok = x >= th if dirn == "benefit" else x <= th
    return 100.0 if ok else 0.0


def score_zscore(x, dirn, p, popvals):
    """§3 zscore, §11.12: population σ, z negated for cost, σ = 0 only when all equal."""
    center = pnum(p, "center", 75.0)
    spread = pnum(p, "spread", 10.0)
    if all(v == popvals[0] for v in popvals):
        return center
    mu = mean(popvals)
    sd = math.sqrt(sum((v - mu) ** 2 for v in popvals) / len(popvals))
    z = (x - mu) / sd
    if dirn == "cost":
        z = -z
    return clamp(center + spread * z, 0.0, 100.0)


def score_quant(b, unit, leaf, x, popvals):
    """§3: dispatch on the leaf's method."""
    m = leaf["method"]
    p = leaf["params"]
    d = leaf["direction"]
    if m == "target":
        return score_target(x, b.targets[(unit, leaf["code"])], d, p)
    if m == "efficacy":
        return score_efficacy(x, d, p, popvals)
    if m == "minmax":
        return score_minmax(x, d, p, popvals)
    if m == "bands":
        return score_bands(x, d, p)
    if m == "piecewise":
        return score_piecewise(x, p)
    if m == "rank":
        return score_rank(x, d, p, popvals)
    if m == "binary":
        return score_binary(x, d, p)
    if m == "zscore":
        return score_zscore(x, d, p, popvals)
    raise ValueError("method " + m)


# ----------------------------------------------------------------------------
# §4 ratings
# ----------------------------------------------------------------------------

def rating_points(b, scale, score):
    """§4/§11.6: level → points, number on numeric; None = abstention."""
    if scale == "numeric":
        return float(score)
    if score in ABSTAIN:
        return None
    return b.scales[scale][score]


def item_groups(b, item_owner):
    """Group weights of a qual leaf (§11.8: empty → every group, weight 1)."""
    g = item_owner
    return g if g else [(gc, 1.0) for gc in b.groups]


def collect_ratings(b):
    """Counted ratings (§11.27): non-abstaining, group has weight on the item.

    Returns list of dicts: rater, group, ratee, item, kind('unit'|'cadre'), points, level.
    """
    out = []
    for r in b.ratings:
        rater, ratee, item, score = r["rater"], r["ratee"], r["item"], r["score"]
        grp = b.rater_group[rater]
        if ratee in b.cadre_by:
            pos = b.positions[b.cadre_by[ratee]["position"]]
            gw = dict(pos["groups"])
            scale = "cadre"
            kind = "cadre"
        else:
            leaf = b.node_by[item]
            gw = dict(item_groups(b, leaf["raters"]))
            scale = leaf["scale"] or "team"
            kind = "unit"
        if not gw.get(grp, 0) > 0:
            continue
        pts = rating_points(b, scale, score)
        if pts is None:
            continue
        out.append({"rater": rater, "group": grp, "ratee": ratee, "item": item, "kind": kind,
                    "points": pts, "level": score})
    return out


def rater_correction(b, ratings):
    """§4 / §11.15 rater-bias correction (in place on 'points')."""
    by_group = {}
    for r in ratings:
        by_group.setdefault(r["group"], []).append(r)
    for grp, rs in by_group.items():
        pool = [r["points"] for r in rs]
        M = mean(pool)
        D = pop_sd(pool)
        by_rater = {}
        for r in rs:
            by_rater.setdefault(r["rater"], []).append(r)
        corr = {}
        for rater, mine in by_rater.items():
            if len(set(r["ratee"] for r in mine)) < 3:
                continue
            xs = [r["points"] for r in mine]
            m = mean(xs)
            d = pop_sd(xs)
            for r in mine:
                if d == 0:
                    x2 = M + (r["points"] - m)
                else:
                    x2 = M + (r["points"] - m) * D / d
                corr[id(r)] = clamp(x2, 0.0, 100.0)
        for r in rs:
            if id(r) in corr:
                r["points"] = corr[id(r)]


def combine(mode, xs):
    """§4 / §11.15: mean, trimmed (n ≥ 5 drop one high, one low), median."""
    if mode == "trimmed" and len(xs) >= 5:
        s = sorted(xs)
        return mean(s[1:-1])
    if mode == "median":
        s = sorted(xs)
        n = len(s)
        return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0
    return mean(xs)


def rated_score(b, by_key, ratee, item, group_weights):
    """§4: s = Σ w_g s_g / Σ w_g over groups with ≥ min_raters ratings; None if none counts."""
    num_ = 0.0
    den = 0.0
    for grp, w in group_weights:
        if not w > 0:
            continue
        xs = by_key.get((ratee, item, grp), [])
        if len(xs) < b.min_raters:
            continue
        num_ += w * combine(b.group_combine.get(grp, "mean"), xs)
        den += w
    return num_ / den if den > 0 else None


# ----------------------------------------------------------------------------
# §5 surveys
# ----------------------------------------------------------------------------

def survey_results(b):
    """§5 / §11.16: per unit n, index, sd, interval, rate, flags."""
    resp = {}
    order = []
    for r in b.responses:
        key = r["response"]
        if key not in resp:
            resp[key] = {"unit": r["unit"], "channel": r.get("channel", "") or "web", "answers": []}
            order.append(key)
        resp[key]["answers"].append((r["item"], r["answer"]))
    per_unit = {u["code"]: [] for u in b.units}
    for key in order:
        rr = resp[key]
        num_ = den = 0.0
        answered = 0
        satisfied = 0
        for item, ans in rr["answers"]:
            w, scale = b.survey_items[item]
            if ans in ABSTAIN:
                continue
            p = b.scales[scale].get(ans) if scale != "numeric" else float(ans)
            if p is None:
                continue
            num_ += w * p
            den += w
            answered += 1
            if ans in ("满意", "基本满意"):
                satisfied += 1
        if answered == 0:
            continue  # §5: a response with no answered item is ignored
        per_unit[rr["unit"]].append((rr["channel"], num_ / den, answered, satisfied))
    out = {}
    for u in b.units:
        rs = per_unit[u["code"]]
        n = len(rs)
        if n == 0:
            out[u["code"]] = {"n": 0, "index": None, "sd": None, "lo": None, "hi": None, "rate": None,
                              "small": True}
            continue
        scores = [s for _, s, _, _ in rs]
        if b.channels:
            num_ = den = 0.0
            for ch, w in b.channels:
                xs = [s for c, s, _, _ in rs if c == ch]
                if xs:
                    num_ += w * mean(xs)
                    den += w
            index = num_ / den
        else:
            index = mean(scores)
        sd = 0.0 if n == 1 else math.sqrt(sum((s - mean(scores)) ** 2 for s in scores) / (n - 1))
        half = 1.96 * sd / math.sqrt(n)
        rate = sum(x[3] for x in rs) / sum(x[2] for x in rs)
        out[u["code"]] = {"n": n, "index": index, "sd": sd, "lo": index - half, "hi": index + half,
                          "rate": rate, "small": n < b.min_sample}
    return out


# ----------------------------------------------------------------------------
# Whole computation
# ----------------------------------------------------------------------------

def compute(b):
    cat_of = {u["code"]: u["category"] for u in b.units}

    # ratings: counted, corrected, grouped (§4, §11.15, §11.27)
    ratings = collect_ratings(b)
    if b.rater_correction:
        rater_correction(b, ratings)
    by_key = {}
    for r in ratings:
        by_key.setdefault((r["ratee"], r["item"], r["group"]), []).append(r["points"])

    surveys = survey_results(b)

    # §3 leaf values ("value" column, before missing policy) and raw scores
    leaf_value = {}   # (unit, code) -> value or None
    leaf_score = {}   # (unit, code) -> score or None (before missing policy)
    for leaf in b.preorder:
        if not is_scored_kind(leaf):
            continue
        code = leaf["code"]
        for cat in b.categories:
            members = [u["code"] for u in b.units if u["category"] == cat]
            if not applicable(b, leaf, cat):
                continue
            if leaf["kind"] == "quant":
                xs = {u: transformed_value(b, u, leaf) for u in members}
                pop = [x for x in xs.values() if x is not None]   # §11.12
                for u in members:
                    leaf_value[(u, code)] = xs[u]
                    leaf_score[(u, code)] = None if xs[u] is None else score_quant(b, u, leaf, xs[u], pop)
            elif leaf["kind"] == "qual":
                gw = item_groups(b, leaf["raters"])
                for u in members:
                    s = rated_score(b, by_key, u, code, gw)
                    leaf_value[(u, code)] = s
                    leaf_score[(u, code)] = s
            else:  # survey leaf (§5)
                use = leaf["params"].get("use", "index")
                for u in members:
                    sv = surveys[u]
                    if sv["n"] == 0:
                        s = None
                    else:
                        s = sv["index"] if use != "rate" else 100.0 * sv["rate"]
                    leaf_value[(u, code)] = s
                    leaf_score[(u, code)] = s

    # §3 / §11.14 missing-value policies
    final_score = {}  # (unit, code) -> score, or None = excluded
    missing_flags = {u["code"]: [] for u in b.units}
    for leaf in b.preorder:
        if not is_scored_kind(leaf):
            continue
        code = leaf["code"]
        for cat in b.categories:
            if not applicable(b, leaf, cat):
                continue
            members = [u["code"] for u in b.units if u["category"] == cat]
            have = [leaf_score[(u, code)] for u in members if leaf_score[(u, code)] is not None]
            for u in members:
                s = leaf_score[(u, code)]
                if s is not None:
                    final_score[(u, code)] = s
                    continue
                missing_flags[u].append(code)
                pol = leaf["missing"]
                if pol == "zero":
                    final_score[(u, code)] = 0.0
                elif pol == "exclude":
                    final_score[(u, code)] = None
                elif pol == "category_mean":
                    final_score[(u, code)] = mean(have) if have else None
                else:
                    raise ValueError(pol)

    # §6 aggregation + weight_global (§7)
    node_score = {}
    node_wg = {}

    def agg(u, cat, node):
        """Returns the node's score or None (no scored child, §11.17)."""
        if is_point_kind(node):
            return None
        if node["kind"] != "node":
            s = final_score.get((u, node["code"]))
            node_score[(u, node["code"])] = s
            return s
        num_ = den = 0.0
        for c in node["children"]:
            if not applicable(b, c, cat) or is_point_kind(c):
                continue
            s = agg(u, cat, c)
            if s is None:
                continue
            w = c["weight"][cat]
            num_ += w * s
            den += w
        s = num_ / den if den > 0 else None
        node_score[(u, node["code"])] = s
        return s

    def global_w(u, cat, nodes, parent_wg):
        scored = [c for c in nodes if applicable(b, c, cat) and not is_point_kind(c)
                  and node_score.get((u, c["code"])) is not None]
        tot = sum(c["weight"][cat] for c in scored)
        for c in nodes:
            if not applicable(b, c, cat) or is_point_kind(c):
                continue
            if c in scored:
                wg = parent_wg * (c["weight"][cat] / tot)
            else:
                wg = 0.0
            node_wg[(u, c["code"])] = wg
            if c["kind"] == "node":
                global_w(u, cat, c["children"], wg)

    base = {}
    no_score = {}
    for un in b.units:
        u, cat = un["code"], un["category"]
        num_ = den = 0.0
        for r in b.roots:
            if not applicable(b, r, cat) or is_point_kind(r):
                continue
            s = agg(u, cat, r)
            if s is None:
                continue
            num_ += r["weight"][cat] * s
            den += r["weight"][cat]
        base[u] = num_ / den if den > 0 else 0.0
        no_score[u] = not den > 0
        global_w(u, cat, b.roots, 1.0)

    # §6 bonus / penalty / veto (§11.9, §11.17)
    bonus = {}
    penalty = {}
    composite = {}
    vetoes = {}
    for un in b.units:
        u = un["code"]
        bs = sum(b.adjust.get((u, n["code"]), 0.0) for n in b.preorder if n["kind"] == "bonus")
        ps = sum(b.adjust.get((u, n["code"]), 0.0) for n in b.preorder if n["kind"] == "penalty")
        bonus[u] = min(bs, b.bonus_cap)
        penalty[u] = min(ps, b.penalty_cap)
        composite[u] = base[u] + bonus[u] - penalty[u]
        vetoes[u] = [n["code"] for n in b.preorder
                     if n["kind"] == "veto" and b.adjust.get((u, n["code"]), 0.0) == 1.0]

    # §6 ranking on round2
    codes = [u["code"] for u in b.units]
    r2 = {u: round2(composite[u]) for u in codes}
    rank_overall = dict(zip(codes, competition_ranks([r2[u] for u in codes], lambda a, c: a > c)))
    rank_cat = {}
    for cat in b.categories:
        mem = [u for u in codes if cat_of[u] == cat]
        rank_cat.update(zip(mem, competition_ranks([r2[u] for u in mem], lambda a, c: a > c)))

    # §6 / §11.18 / §11.19 team grades
    grade_names = [g for g, _ in b.team_grades] + [b.team_bottom]
    team_grade_idx = {}
    quota_flag = {}
    for cat in b.categories:
        mem = [u for u in codes if cat_of[u] == cat]
        gi = {u: threshold_grade(r2[u], b.team_grades) for u in mem}
        for u in mem:
            if vetoes[u]:
                cap = len(grade_names) - 1 if b.veto_cap == "lowest" else grade_names.index(b.veto_cap)
                gi[u] = max(gi[u], cap, 1)
        places = max(1, math.floor(b.team_quota * len(mem) + 1e-9))
        apply_quota(mem, gi, r2, places, quota_flag)
        team_grade_idx.update(gi)

    unit_flags = {}
    for un in b.units:
        u = un["code"]
        fl = ["missing:" + c for c in missing_flags[u]]
        fl += ["veto:" + c for c in vetoes[u]]
        if surveys_present(b) and surveys[u]["small"]:
            fl.append("sample_small")
        if u in quota_flag:
            fl.append("quota_exceeded:%d" % quota_flag[u])
        if no_score[u]:
            fl.append("no_score")
        unit_flags[u] = fl

    # §7 cadres
    cadre_rows = compute_cadres(b, by_key, ratings, composite, node_score, node_wg, vetoes,
                                team_grade_idx, grade_names)

    # §9.3 / §11.21 tracking
    warnings = compute_tracking(b)

    return {
        "cat_of": cat_of, "leaf_value": leaf_value, "final_score": final_score,
        "node_score": node_score, "node_wg": node_wg, "base": base, "bonus": bonus,
        "penalty": penalty, "composite": composite, "vetoes": vetoes,
        "rank_overall": rank_overall, "rank_cat": rank_cat,
        "team_grade": {u: grade_names[i] for u, i in team_grade_idx.items()},
        "unit_flags": unit_flags, "surveys": surveys, "cadres": cadre_rows, "warnings": warnings,
    }


def surveys_present(b):
    return bool(b.survey_items)


def threshold_grade(r, grades):
    """§6 / §11.19: first grade whose threshold round2(score) reaches; else the implied bottom."""
    for i, (_, th) in enumerate(grades):
        if r >= th:
            return i
    return len(grades)


def apply_quota(members, gi, r2, places, quota_flag):
    """§11.18: candidates (current grade = top) in round2 order; ties with the last place keep it."""
    cands = sorted([u for u in members if gi[u] == 0], key=lambda u: -r2[u])
    if len(cands) <= places:
        return
    if places == 0:
        for u in cands:
            gi[u] = 1
        return
    last = r2[cands[places - 1]]
    keep = [u for u in cands if r2[u] >= last]
    for u in cands:
        if u not in keep:
            gi[u] = 1
    n_exc = len(keep) - places
    if n_exc > 0:
        for u in keep:
            quota_flag[u] = n_exc


def compute_cadres(b, by_key, ratings, composite, node_score, node_wg, vetoes, team_grade_idx,
                   team_names):
    """§7 / §11.20."""
    rows = []
    names = [g for g, _ in b.cadre_grades] + [b.cadre_bottom]
    bottom = len(names) - 1
    gi = {}
    info = {}
    for c in b.cadres:
        code, u = c["code"], c["unit"]
        pos = b.positions[c["position"]]
        wt, wd, we = pos["w"]
        team = composite[u]
        # duty (§7, §11.20): effective global weights, skip point leaves / unscored, each node once
        seen = []
        for k in c["resp"]:
            if k not in seen:
                seen.append(k)
        num_ = den = 0.0
        for k in seen:
            n = b.node_by[k]
            if is_point_kind(n):
                continue
            s = node_score.get((u, k))
            if s is None:
                continue
            w = node_wg.get((u, k), 0.0)
            num_ += w * s
            den += w
        if den > 0:
            duty = num_ / den
        else:
            duty = None
            wt, wd = wt + wd, 0.0
        # evaluation (§11.20)
        dnum = dden = 0.0
        for dim, w in pos["dims"]:
            s = rated_score(b, by_key, code, dim, pos["groups"])
            if s is None or not w > 0:
                continue
            dnum += w * s
            dden += w
        eval_missing = not dden > 0
        ev = 0.0 if eval_missing else dnum / dden
        pen = sum(b.adjust.get((code, n["code"]), 0.0) for n in b.preorder if n["kind"] == "penalty")
        score = wt * team + (wd * duty if duty is not None else 0.0) + we * ev - pen
        indiv_veto = [n["code"] for n in b.preorder
                      if n["kind"] == "veto" and b.adjust.get((code, n["code"]), 0.0) == 1.0]
        # responsibility vetoes: triggered unit veto leaf at or under a responsibility node
        resp_v = []
        for n in b.preorder:
            if n["kind"] != "veto" or n["code"] not in vetoes[u]:
                continue
            a = n
            while a is not None:
                if a["code"] in c["resp"]:
                    resp_v.append(n["code"])
                    break
                a = b.node_by[a["parent"]] if a["parent"] else None
        # grades
        g = threshold_grade(round2(score), b.cadre_grades)
        if pos["principal"]:
            tg = team_grade_idx[u]
            if tg >= 2:
                g = max(g, tg - 1)
        elif resp_v:
            g = max(g, 1)
        if indiv_veto:
            g = bottom
        gi[code] = g
        # vote flags (§11.20)
        votes = [r for r in ratings if r["ratee"] == code and r["kind"] == "cadre"]
        tot = len(votes)
        good = sum(1 for r in votes if r["level"] in ("优秀", "称职"))
        bad = sum(1 for r in votes if r["level"] == "不称职")
        info[code] = dict(team=team, duty=duty, ev=ev, pen=pen, score=score, indiv=indiv_veto,
                          resp=resp_v, caution=3 * good < 2 * tot, review=3 * bad > tot,
                          eval_missing=eval_missing)
    # quota per district (§11.18, §11.27)
    districts = []
    dist_of = {}
    for c in b.cadres:
        d = b.unit_by[c["unit"]].get("district", "") or ""
        dist_of[c["code"]] = d
        if d not in districts:
            districts.append(d)
    quota_flag = {}
    r2 = {c: round2(info[c]["score"]) for c in info}
    for d in districts:
        mem = [c["code"] for c in b.cadres if dist_of[c["code"]] == d]
        places = math.floor(b.cadre_quota * len(mem) + 1e-9)
        apply_quota(mem, gi, r2, places, quota_flag)
    for c in b.cadres:
        code, u = c["code"], c["unit"]
        i = info[code]
        fl = ["unit_veto:" + v for v in vetoes[u]]
        fl += ["resp_veto:" + v for v in i["resp"]]
        fl += ["veto:" + v for v in i["indiv"]]
        if i["caution"]:
            fl.append("vote_caution")
        if i["review"]:
            fl.append("vote_review")
        if i["eval_missing"]:
            fl.append("missing:evaluation")
        if code in quota_flag:
            fl.append("quota_exceeded:%d" % quota_flag[code])
        rows.append([code, u, c["position"], fmt(i["team"]), fmt(i["duty"]), fmt(i["ev"]),
                     fmt(i["pen"]), fmt(i["score"]), names[gi[code]], ";".join(i["indiv"]), ";".join(fl)])
    return rows


def compute_tracking(b):
    """§9.3 / §11.21: expected = target × elapsed share; ratio; green/yellow/red."""
    rows = []
    unit_pos = {u["code"]: i for i, u in enumerate(b.units)}
    node_pos = {n["code"]: i for i, n in enumerate(b.preorder)}
    items = []
    for idx, (u, leaf, per, actual) in enumerate(b.tracking):
        n = b.node_by[leaf]
        if (u, leaf) not in b.targets or n["params"].get("transform", ""):
            continue
        t = b.targets[(u, leaf)]
        sched = n["params"].get("schedule", "")
        if sched:
            share = dict((k, float(v)) for k, v in parse_pairs(sched))[per]
        elif per.startswith("Q"):
            share = int(per[1:]) / 4.0
        else:
            share = int(per[1:]) / 12.0
        expected = t * share
        if n["direction"] == "cost":
            ratio = INF if actual == 0 else expected / actual
        else:
            ratio = actual / expected
        level = "green" if ratio >= 0.95 else "yellow" if ratio >= 0.80 else "red"
        items.append(((unit_pos[u], node_pos[leaf], idx), [u, leaf, per, fmt(expected), fmt(actual), fmt(ratio), level]))
    items.sort(key=lambda x: x[0])
    return [r for _, r in items]


# ----------------------------------------------------------------------------
# Output (§11.22, §11.24)
# ----------------------------------------------------------------------------

def fmt(x):
    """§11.24: %.17g, -0 → 0, infinity → inf, None → empty."""
    if x is None:
        return ""
    if x == INF:
        return "inf"
    if x == -INF:
        return "-inf"
    if x == 0:
        return "0"
    return "%.17g" % x


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_results(b, R, out):
    os.makedirs(out, exist_ok=True)
    for f in ("warnings.csv",):
        p = os.path.join(out, f)
        if os.path.exists(p):
            os.remove(p)
    # results_units.csv
    rows = []
    for un in b.units:
        u = un["code"]
        rows.append([u, un["category"], fmt(R["base"][u]), fmt(R["bonus"][u]), fmt(R["penalty"][u]),
                     fmt(R["composite"][u]), R["rank_cat"][u], R["rank_overall"][u], R["team_grade"][u],
                     ";".join(R["vetoes"][u]), ";".join(R["unit_flags"][u])])
    write_csv(os.path.join(out, "results_units.csv"),
              ["unit", "category", "base", "bonus", "penalty", "composite", "rank_category",
               "rank_overall", "grade", "veto", "flags"], rows)
    # results_nodes.csv (§11.22)
    rows = []
    for un in b.units:
        u, cat = un["code"], un["category"]
        for n in b.preorder:
            code = n["code"]
            if is_point_kind(n):
                # §11.17: point leaves apply in every category, whatever their own weight; they are
                # listed when their path (the ancestors) is applicable (§11.22)
                if n["parent"] and not applicable(b, b.node_by[n["parent"]], cat):
                    continue
                pts = b.adjust.get((u, code), 0.0)
                rows.append([u, code, fmt(pts), "", ""])
                continue
            if not applicable(b, n, cat):
                continue
            val = "" if n["kind"] == "node" else fmt(R["leaf_value"].get((u, code)))
            rows.append([u, code, val, fmt(R["node_score"].get((u, code))), fmt(R["node_wg"].get((u, code), 0.0))])
    write_csv(os.path.join(out, "results_nodes.csv"), ["unit", "node", "value", "score", "weight_global"], rows)
    # results_cadres.csv
    write_csv(os.path.join(out, "results_cadres.csv"),
              ["cadre", "unit", "position", "team", "duty", "evaluation", "penalty", "score", "grade",
               "veto", "flags"], R["cadres"])
    # results_surveys.csv
    rows = []
    if surveys_present(b):
        for un in b.units:
            s = R["surveys"][un["code"]]
            rows.append([un["code"], s["n"], fmt(s["index"]), fmt(s["sd"]), fmt(s["lo"]), fmt(s["hi"]),
                         fmt(s["rate"]), "sample_small" if s["small"] else ""])
    write_csv(os.path.join(out, "results_surveys.csv"),
              ["unit", "n", "mean", "sd", "ci_low", "ci_high", "rate", "flags"], rows)
    if R["warnings"]:
        write_csv(os.path.join(out, "warnings.csv"),
                  ["unit", "indicator", "period", "expected", "actual", "ratio", "level"], R["warnings"])


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: kaohe_ref.py BUNDLE OUTDIR\n")
        return 2
    b = Bundle(argv[1])
    R = compute(b)
    write_results(b, R, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
