"""Python peers for bench:accuracy: a global XGBoost model and scikit-learn's
HistGradientBoostingRegressor, trained on the same split and covariates as our pipeline.

Usage: python3 peers.py <input.csv> <output.csv> <seasonal period> <horizon> <frequency>
Input columns: id, ds (yyyy-mm-dd), y (NA = missing; always NA on test rows), test (0/1),
x_* covariates (known over the horizon), hol (0/1), a_* static attributes (e.g. store, brand).
Output columns: id, model, step, p10, p50, p90, secs.

Recipe (both peers, the standard global recipe): one model over all series, DIRECT multi-step
with the step h as a feature (every row is an origin t and a target t+h; features use data up to
t, plus the known covariates and calendar at t+h). Target: log1p(y) minus the series' level at the
origin (mean log1p(y) of the last `level window` periods), so series of any scale share one model;
lags, rolling means and seasonal lags enter relative to the same level. Features: series id, static
attributes (categorical), the level, lags 1..L, rolling means/stds (4/13/52 weeks,
7/28/91/364 days or 3/6/12/24 months) ending at the origin, the latest same-season values known at the origin
(same weekday for daily data, last year for weekly) and their mean, calendar of the target
(day of week/month/year, week, month, days to month end), holiday and event flags at the target
and its neighbours, every covariate at the target and at the origin, price ratios (target price
to its trailing 13-period mean, to the series mean, to the origin price, and to the mean price of
the same store's other series that period when a store attribute exists), promotion flags and
their recent frequency, and market covariates (e.g. oil) as value and change since the origin.
Hyper-parameters are tuned on a validation window cut from the training data only: the last
`horizon` training periods, scored on every origin inside it (rolling origins, MASE with the
bench's scale). Each grid configuration is fitted once on rows whose targets precede the window and
its iteration count is chosen on the window; the winner is refitted on all training rows. P10/P90
are the per-step quantiles of the winner's validation log-residuals.
"""
import os
import sys
import time

# One thread each: the bench machine is shared, and OpenMP spin-waiting under contention is far
# slower than a single busy thread.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd

MAX_ROWS = int(os.environ.get("SHELFCAST_PEERS_MAX_ROWS", 100_000))  # training rows per fit


def log(msg):
    print(f"[peers] {msg}", file=sys.stderr, flush=True)


def naive_scale(y, m):
    """MASE scale as in the bench (src/lib/core/metrics.ts naiveScale)."""
    def comp(lag):
        d = y[lag:] - y[:-lag]
        d = d[np.isfinite(d)]
        return np.mean(np.abs(d)) if len(d) else np.nan

    s = comp(m) if len(y) > m else np.nan
    if not s > 0:
        s = comp(1)
    if not s > 0:
        v = y[np.isfinite(y)]
        s = np.mean(np.abs(v)) if len(v) and np.sum(np.abs(v)) > 0 else 1.0
    return s


def series_arrays(d, freq):
    out = []
    xcols = [c for c in d.columns if c.startswith("x_")] + (["hol"] if "hol" in d else [])
    acols = [c for c in d.columns if c.startswith("a_")]
    codes = {c: {v: k for k, v in enumerate(sorted(d[c].astype(str).unique()))} for c in acols}
    for code, (sid, s) in enumerate(d.groupby("id", sort=False)):
        s = s.sort_values("ds")
        n = int((s["test"] == 0).sum())
        y = s["y"].to_numpy(dtype=float)
        y[n:] = np.nan
        ds = pd.to_datetime(s["ds"]).reset_index(drop=True)
        cal = {"month": ds.dt.month.to_numpy(dtype=float), "woy": ds.dt.isocalendar().week.to_numpy(dtype=float)}
        if freq == "day":
            cal["dow"] = ds.dt.dayofweek.to_numpy(dtype=float)
            cal["dom"] = ds.dt.day.to_numpy(dtype=float)
            cal["doy"] = ds.dt.dayofyear.to_numpy(dtype=float)
            cal["to_month_end"] = (ds.dt.days_in_month - ds.dt.day).to_numpy(dtype=float)
        x = {c: s[c].to_numpy(dtype=float) for c in xcols}
        attrs = {c: float(codes[c][str(s[c].iloc[0])]) for c in acols}
        out.append({"id": sid, "code": code, "n": n, "y": y, "cal": cal, "x": x, "attrs": attrs, "ds": ds})
    return out, xcols, acols


def group_price_means(series, xcols):
    """Per store attribute: the mean price of its series each period (aligned by date)."""
    if "a_store" not in series[0]["attrs"]:
        return
    for c in [c for c in xcols if "price" in c]:
        frames = [pd.Series(s["x"][c], index=s["ds"].to_numpy()) for s in series]
        groups = {}
        for s, f in zip(series, frames):
            groups.setdefault(s["attrs"]["a_store"], []).append(f)
        means = {g: pd.concat(fs, axis=1).mean(axis=1) for g, fs in groups.items()}
        for s in series:
            s["x"][c + "_grp"] = means[s["attrs"]["a_store"]].reindex(s["ds"].to_numpy()).to_numpy()


class Spec:
    def __init__(self, freq, m, H):
        self.m, self.H, self.freq = m, H, freq
        if freq == "day":
            self.lags, self.windows, self.level_w, self.trail = 14, (7, 28, 91, 364), 28, 28
        elif freq == "month":
            self.lags, self.windows, self.level_w, self.trail = 12, (3, 6, 12, 24), 12, 12
        else:
            self.lags, self.windows, self.level_w, self.trail = 8, (4, 13, 52), 13, 13


_PRE = {}


def precompute(s, cut, sp, xcols):
    """Per-series arrays known at a cut (memoised): log1p(y) masked from the cut on, rolling stats."""
    key = (s["code"], cut)
    if key not in _PRE:
        _PRE[key] = _precompute(s, cut, sp, xcols)
    return _PRE[key]


def _precompute(s, cut, sp, xcols):
    y = s["y"].copy()
    y[cut:] = np.nan
    ly = np.log1p(np.maximum(y, 0))
    lys = pd.Series(ly)
    pre = {"ly": ly, "mean": np.nanmean(ly[:cut]) if np.isfinite(ly[:cut]).any() else 0.0}
    lv = lys.rolling(sp.level_w, min_periods=1).mean().ffill().to_numpy()
    pre["level"] = np.where(np.isfinite(lv), lv, pre["mean"])
    for w in sp.windows:
        pre[f"rmean{w}"] = lys.rolling(w, min_periods=1).mean().to_numpy()
        pre[f"rstd{w}"] = lys.rolling(w, min_periods=2).std().to_numpy()
    for c in xcols:
        if "price" in c and not c.endswith("_grp"):
            v = s["x"][c]
            pre[c + "_trail"] = pd.Series(v).rolling(sp.trail, min_periods=1).mean().to_numpy()
            pre[c + "_mean"] = max(np.nanmean(v[:cut]), 1e-9)
        if c in ("x_deal", "x_feat") or c.startswith("x_promo"):
            pre[c + "_freq"] = pd.Series(s["x"][c]).rolling(sp.trail, min_periods=1).mean().to_numpy()
    return pre


def nanmean_rows(a):
    """Column means over the finite entries (NaN where none)."""
    ok = np.isfinite(a)
    c = ok.sum(axis=0)
    return np.where(c > 0, np.where(ok, a, 0).sum(axis=0) / np.maximum(c, 1), np.nan)


def features_for(s, pre, t, h, sp, xcols):
    """Rows for origins t (index of the last known period) and step h; returns (features, target)."""
    ly, m = pre["ly"], sp.m
    L = len(ly)
    g = t + h
    lev = pre["level"][t]
    take = lambda idx: np.where((idx >= 0) & (idx <= t), ly[np.clip(idx, 0, L - 1)], np.nan)  # noqa: E731
    f = {"sid": np.full(len(t), s["code"], float), "h": np.full(len(t), h, float), "level": lev, "mean": np.full(len(t), pre["mean"])}
    for k, v in s["attrs"].items():
        f[k] = np.full(len(t), v)
    for k in range(sp.lags):
        f[f"lag{k + 1}"] = take(t - k) - lev
    for w in sp.windows:
        f[f"rmean{w}"] = pre[f"rmean{w}"][t] - lev
        f[f"rstd{w}"] = pre[f"rstd{w}"][t]
    # latest same-season values known at the origin and their mean
    back = m * int(np.ceil(h / m))
    same = np.vstack([take(g - back - m * j) for j in range(4)])
    f["slag"] = same[0] - lev
    f["smean4"] = nanmean_rows(same) - lev
    if sp.freq != "day":
        f["slag2"] = same[1] - lev
        f["slag_nb"] = nanmean_rows(np.vstack([take(g - back + d) for d in (-1, 1)])) - lev
    for k, v in s["cal"].items():
        f[k] = v[g]
    for c in xcols:
        v = s["x"][c]
        f[c] = v[g]
        if c.endswith("_grp"):
            base = c[:-4]
            f[base + "_vs_grp"] = s["x"][base][g] / np.maximum(v[g], 1e-9)
            continue
        f[c + "_o"] = v[t]
        if c == "hol" or "event" in c or "payday" in c:
            f[c + "_prev"] = v[np.maximum(g - 1, 0)]
            f[c + "_next"] = v[np.minimum(g + 1, L - 1)]
        if "price" in c:
            f[c + "_ratio"] = v[g] / np.maximum(pre[c + "_trail"][t], 1e-9)
            f[c + "_rel"] = v[g] / pre[c + "_mean"]
            f[c + "_chg"] = v[g] / np.maximum(v[t], 1e-9)
        elif c + "_freq" in pre:
            f[c + "_freq"] = pre[c + "_freq"][t]
        elif not (c == "hol" or "event" in c or "payday" in c):
            f[c + "_chg"] = v[g] - v[t]  # market covariates: value and change since the origin
    with np.errstate(invalid="ignore"):
        target = ly[np.minimum(g, L - 1)] - lev
    return f, target


def to_frame(parts):
    keys = list(parts[0].keys())
    return pd.DataFrame({k: np.concatenate([np.broadcast_to(p[k], len(p["h"])) for p in parts]) for k in keys})


def first_valid(s):
    ok = np.flatnonzero(np.isfinite(s["y"]))
    return int(ok[0]) if len(ok) else 0


def build(series, sp, xcols, cut_of, stride):
    """Training rows: origins whose target lies before the series' cut (origins thinned by stride,
    offset per step so that every origin appears for some step)."""
    parts, ys = [], []
    for s in series:
        cut = cut_of(s)
        pre = precompute(s, cut, sp, xcols)
        start = first_valid(s) + min(sp.lags, 4)
        for h in range(1, sp.H + 1):
            hi = cut - h - 1 - ((h * 7 + s["code"]) % stride)
            t = np.arange(hi, start - 1, -stride)[::-1]
            if len(t) == 0:
                continue
            f, y = features_for(s, pre, t, h, sp, xcols)
            keep = np.isfinite(y) & np.isfinite(pre["level"][t])
            parts.append({k: np.broadcast_to(v, len(t))[keep] for k, v in f.items()})
            ys.append(y[keep])
    return to_frame(parts), np.concatenate(ys)


def window_rows(series, sp, xcols, cut_of, end_of, single=False):
    """Rows for every origin t >= cut-1 and step h with target < end (rolling origins in a window),
    or (single) the forecast origin cut-1 only. meta: (series index, step, target, origin)."""
    parts, meta = [], []
    for i, s in enumerate(series):
        cut, end = cut_of(s), end_of(s)
        pre = precompute(s, min(end, s["n"]), sp, xcols)
        for h in range(1, sp.H + 1):
            t = np.array([cut - 1]) if single else np.arange(cut - 1, end - h)
            if len(t) == 0:
                continue
            f, _ = features_for(s, pre, t, h, sp, xcols)
            parts.append({k: np.broadcast_to(v, len(t)) for k, v in f.items()})
            meta += [(i, h, tt + h, tt) for tt in t]
    return to_frame(parts), meta


GRIDS = {
    "xgboost": [
        {"lr": 0.1, "depth": 6, "mcw": 10, "col": 0.8},
        {"lr": 0.1, "depth": 8, "mcw": 50, "col": 0.6},
    ],
    "hgb": [
        {"lr": 0.1, "leaves": 31, "msl": 20},
        {"lr": 0.1, "leaves": 63, "msl": 50},
    ],
}
MAX_ITER = int(os.environ.get("SHELFCAST_PEERS_MAX_ITER", 800))
CHECK_EVERY = 25


def categorical_cols(cols, X):
    return [c for c in cols if (c.startswith("a_") or c == "sid") and X[c].nunique() <= 255]


def fit_model(kind, cfg, X, y, n_iter):
    if kind == "xgboost":
        import xgboost as xgb

        params = {
            "objective": "reg:squarederror",
            "tree_method": "hist",
            "nthread": 1,
            "eta": cfg["lr"],
            "max_depth": cfg["depth"],
            "min_child_weight": cfg["mcw"],
            "subsample": 0.8,
            "colsample_bytree": cfg["col"],
            "lambda": 1.0,
            "seed": 42,
        }
        return xgb.train(params, xgb.DMatrix(X, label=y, missing=np.nan), n_iter)
    from sklearn.ensemble import HistGradientBoostingRegressor

    cats = categorical_cols(list(X.columns), X)
    mdl = HistGradientBoostingRegressor(
        learning_rate=cfg["lr"],
        max_leaf_nodes=cfg["leaves"],
        min_samples_leaf=cfg["msl"],
        l2_regularization=1.0,
        max_iter=n_iter,
        early_stopping=False,
        categorical_features=[X.columns.get_loc(c) for c in cats] or None,
        random_state=42,
    )
    return mdl.fit(X, y)


def staged(kind, mdl, X, n_iter):
    """Predictions after every CHECK_EVERY iterations: list of (iterations, prediction)."""
    if kind == "xgboost":
        import xgboost as xgb

        dm = xgb.DMatrix(X, missing=np.nan)
        return [(k, mdl.predict(dm, iteration_range=(0, k))) for k in range(CHECK_EVERY, n_iter + 1, CHECK_EVERY)]
    return [(k, p) for k, p in enumerate(mdl.staged_predict(X), 1) if k % CHECK_EVERY == 0]


def predict(kind, mdl, X, n_iter):
    if kind == "xgboost":
        import xgboost as xgb

        return mdl.predict(xgb.DMatrix(X, missing=np.nan), iteration_range=(0, n_iter))
    return mdl.predict(X)


def prepare(series, sp, xcols, stride):
    t0 = time.time()
    H = sp.H
    vcut = lambda s: s["n"] - H  # noqa: E731 validation window: the last H training periods
    X, y = build(series, sp, xcols, vcut, stride)
    Xv, meta_v = window_rows(series, sp, xcols, vcut, lambda s: s["n"])
    Xf, yf = build(series, sp, xcols, lambda s: s["n"], stride)
    Xo, meta_o = window_rows(series, sp, xcols, lambda s: s["n"], lambda s: s["n"] + H, single=True)
    idx = np.array([i for i, *_ in meta_v])
    tgt = np.array([g for _, _, g, _ in meta_v])
    yv = np.array([series[i]["y"][g] for i, g in zip(idx, tgt)])
    lev_v = Xv["level"].to_numpy()
    scales = np.array([naive_scale(s["y"][: s["n"] - H], sp.m) for s in series])
    log(f"{len(y)} training rows, {len(yv)} validation rows, {X.shape[1]} features, built in {time.time() - t0:.1f} s")
    return {"X": X, "y": y, "Xv": Xv, "yv": yv, "lev_v": lev_v, "idx_v": idx, "steps_v": np.array([h for _, h, _, _ in meta_v]),
            "scale_v": scales[idx], "Xf": Xf, "yf": yf, "Xo": Xo, "meta_o": meta_o}


def val_mase(data, pred):
    """Mean over series of the mean scaled absolute error on the validation window (bench MASE)."""
    p = np.maximum(np.expm1(pred + data["lev_v"]), 0)
    e = np.abs(p - data["yv"]) / data["scale_v"]
    ok = np.isfinite(e)
    per = pd.Series(e[ok]).groupby(data["idx_v"][ok]).mean()
    return per.mean()


def run(kind, data, series, sp):
    t0 = time.time()
    X, y, Xv = data["X"], data["y"], data["Xv"]
    best = None
    for cfg in GRIDS[kind]:
        mdl = fit_model(kind, cfg, X, y, MAX_ITER)
        for it, pv in staged(kind, mdl, Xv, MAX_ITER):
            err = val_mase(data, pv)
            if best is None or err < best[0]:
                best = (err, cfg, it, pv)
        log(f"{kind} {cfg}: best so far MASE {best[0]:.4f} ({best[2]} iters, {best[1]}) ({time.time() - t0:.0f} s)")
    err, cfg, it, pv = best
    res = np.log1p(np.maximum(data["yv"], 0)) - data["lev_v"] - pv
    ok = np.isfinite(res)
    q = {}
    for h in range(1, sp.H + 1):
        r = res[(data["steps_v"] == h) & ok]
        r = r if len(r) > 5 else res[ok]
        q[h] = (np.quantile(r, 0.1), np.quantile(r, 0.9))
    Xf, yf = data["Xf"], data["yf"]
    n_final = max(1, int(round(it * min(len(yf) / max(len(y), 1), 1.2))))
    mdl = fit_model(kind, cfg, Xf, yf, n_final)
    p = predict(kind, mdl, data["Xo"], n_final) + data["Xo"]["level"].to_numpy()
    secs = time.time() - t0
    out = []
    for (i, h, _, _), v in zip(data["meta_o"], p):
        lo, hi = q[h]
        out.append((series[i]["id"], kind, h, max(np.expm1(v + lo), 0), max(np.expm1(v), 0), max(np.expm1(v + hi), 0), secs / len(series)))
    return out, {"config": cfg, "validation MASE": round(err, 4), "iterations": n_final, "rows": len(yf), "seconds": round(secs, 1)}


def main():
    inp, outp, m, H, freq = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    kinds = os.environ.get("SHELFCAST_PEERS_KINDS", "hgb,xgboost").split(",")
    d = pd.read_csv(inp)
    series, xcols, _ = series_arrays(d, freq)
    group_price_means(series, xcols)
    xcols = list(series[0]["x"].keys())
    sp = Spec(freq, m, H)
    total = sum(s["n"] for s in series) * H
    stride = max(1, int(np.ceil(total / MAX_ROWS)))
    log(f"{len(series)} series, horizon {H}, period {m}, origin stride {stride}")
    data = prepare(series, sp, xcols, stride)
    rows = []
    for kind in kinds:
        r, info = run(kind, data, series, sp)
        log(f"{kind} {info}")
        rows += r
    pd.DataFrame(rows, columns=["id", "model", "step", "p10", "p50", "p90", "secs"]).to_csv(outp, index=False)


if __name__ == "__main__":
    main()
