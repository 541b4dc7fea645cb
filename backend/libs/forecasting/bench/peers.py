"""Python peers for bench:accuracy: a global XGBoost model and scikit-learn's
HistGradientBoostingRegressor, trained on the same split and covariates as our pipeline.

Usage: python3 peers.py <input.csv> <output.csv> <seasonal period> <horizon> <frequency>
Input columns: id, ds (yyyy-mm-dd), y (NA = missing; always NA on test rows), test (0/1),
x_* covariates (known over the horizon), hol (0/1).
Output columns: id, model, step, p10, p50, p90, secs.

Recipe (both peers): one global model over all series, direct multi-step with the horizon as a
feature (features are computed at the forecast origin; covariates and calendar at the target
period), log1p target. Features: series id code and series level, lags 1..L of log1p(y), the
seasonal lag, rolling means/stds of log1p(y) ending at the origin, calendar of the target period,
every covariate at the target and at the origin, price ratio to its trailing mean and to the
series mean, and the event flag. Hyper-parameters are tuned on a validation window cut from the
training data only (the last `horizon` training periods): a grid of configurations, each with
early stopping on the validation window; the winner is refitted on all training origins with its
best iteration count. Covariates are screened first on the same validation window (each one's
features stay only when they lower the validation error). P10/P90 come from the per-step empirical quantiles of the validation
log-residuals of the winning configuration.
"""
import os
import sys
import time

# One thread each: the bench machine is shared, and OpenMP spin-waiting under contention is far
# slower than a single busy thread.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd

MAX_ROWS = 250_000  # training rows per fit (origins are thinned evenly to stay under it)


def log(msg):
    print(f"[peers] {msg}", file=sys.stderr, flush=True)


def series_arrays(d, freq):
    out = []
    xcols = [c for c in d.columns if c.startswith("x_")] + (["hol"] if "hol" in d else [])
    for code, (sid, s) in enumerate(d.groupby("id", sort=False)):
        s = s.sort_values("ds")
        n = int((s["test"] == 0).sum())
        y = s["y"].to_numpy(dtype=float)
        y[n:] = np.nan
        ds = pd.to_datetime(s["ds"]).reset_index(drop=True)
        cal = {
            "month": ds.dt.month.to_numpy(),
            "woy": ds.dt.isocalendar().week.to_numpy(dtype=float),
        }
        if freq == "day":
            cal["dow"] = ds.dt.dayofweek.to_numpy()
            cal["dom"] = ds.dt.day.to_numpy()
        x = {c: s[c].to_numpy(dtype=float) for c in xcols}
        out.append({"id": sid, "code": code, "n": n, "y": y, "cal": cal, "x": x})
    return out, xcols


def precompute(s, cut, windows, xcols):
    """Per-series arrays known at a cut: log1p(y) masked from the cut on, rolling stats, prices."""
    y = s["y"].copy()
    y[cut:] = np.nan
    ly = np.log1p(np.maximum(y, 0))
    lys = pd.Series(ly[:cut])
    pre = {"ly": ly, "level": np.nanmean(ly[:cut]) if np.isfinite(ly[:cut]).any() else 0.0}
    for w in windows:
        pre[f"rmean{w}"] = lys.rolling(w, min_periods=1).mean().to_numpy()
        pre[f"rstd{w}"] = lys.rolling(w, min_periods=2).std().to_numpy()
    for c in xcols:
        if "price" in c:
            v = s["x"][c]
            pre[c + "_trail"] = pd.Series(v).rolling(13, min_periods=1).mean().to_numpy()
            pre[c + "_mean"] = max(np.nanmean(v[:cut]), 1e-9)
    return pre


def features_for(s, pre, origins, h, m, lags, windows, xcols):
    """Rows for origins t (index of the last known period) and step h."""
    ly = pre["ly"]
    t = origins
    tgt = t + h
    f = {"sid": np.full(len(t), s["code"], float), "level": np.full(len(t), pre["level"]), "h": np.full(len(t), h, float)}
    for k in range(lags):
        idx = t - k
        f[f"lag{k + 1}"] = np.where(idx >= 0, ly[np.clip(idx, 0, None)], np.nan)
    # seasonal lag: the same season one (or two) periods before the target, known at the origin
    for back in (m, 2 * m):
        idx = tgt - back
        ok = (idx >= 0) & (idx <= t)
        f[f"slag{back}"] = np.where(ok, ly[np.clip(idx, 0, len(ly) - 1)], np.nan)
    for w in windows:
        f[f"rmean{w}"] = pre[f"rmean{w}"][t]
        f[f"rstd{w}"] = pre[f"rstd{w}"][t]
    for k, v in s["cal"].items():
        f[k] = v[tgt].astype(float)
    for c in xcols:
        v = s["x"][c]
        f[c] = v[tgt]
        f[c + "_o"] = v[t]
        if "price" in c:
            f[c + "_ratio"] = v[tgt] / np.maximum(pre[c + "_trail"][t], 1e-9)
            f[c + "_rel"] = v[tgt] / pre[c + "_mean"]
    return f, ly[tgt]


def to_frame(parts):
    keys = list(parts[0].keys())
    return pd.DataFrame({k: np.concatenate([p[k] for p in parts]) for k in keys})


def build(series, m, H, lags, windows, xcols, cut_of, stride):
    """Training rows: every origin whose target lies before the series' cut (thinned by stride)."""
    parts, ys = [], []
    for s in series:
        cut = cut_of(s)
        pre = precompute(s, cut, windows, xcols)
        for h in range(1, H + 1):
            t = np.arange(cut - h - 1, max(lags, 1) - 1, -stride)[::-1]
            if len(t) == 0:
                continue
            f, y = features_for(s, pre, t, h, m, lags, windows, xcols)
            keep = np.isfinite(y)
            parts.append({k: v[keep] for k, v in f.items()})
            ys.append(y[keep])
    return to_frame(parts), np.concatenate(ys)


def origin_rows(series, m, H, lags, windows, xcols, cut_of):
    """One row per series and step at the origin cut-1 (targets cut..cut+H-1)."""
    parts, meta = [], []
    for s in series:
        cut = cut_of(s)
        pre = precompute(s, cut, windows, xcols)
        for h in range(1, H + 1):
            f, _ = features_for(s, pre, np.array([cut - 1]), h, m, lags, windows, xcols)
            parts.append(f)
            meta.append((s["id"], h, cut - 1 + h))
    return to_frame(parts), meta


def fit_model(kind, cfg, X, y, Xv=None, yv=None, n_iter=None):
    """Validation mode (Xv given): returns the model and its best iteration on the window."""
    if kind == "xgboost":
        import xgboost as xgb

        dtr = xgb.DMatrix(X, label=y, missing=np.nan)
        params = {
            "objective": "reg:squarederror",
            "tree_method": "hist",
            "nthread": 1,
            "eta": cfg["lr"],
            "max_depth": cfg["depth"],
            "min_child_weight": cfg["mcw"],
            "subsample": 0.8,
            "colsample_bytree": 0.8,
            "seed": 42,
        }
        if Xv is not None:
            dv = xgb.DMatrix(Xv, label=yv, missing=np.nan)
            b = xgb.train(params, dtr, 1000, evals=[(dv, "v")], early_stopping_rounds=30, verbose_eval=False)
            return b, b.best_iteration + 1
        return xgb.train(params, dtr, n_iter), n_iter
    from sklearn.ensemble import HistGradientBoostingRegressor

    mdl = HistGradientBoostingRegressor(
        learning_rate=cfg["lr"],
        max_leaf_nodes=cfg["leaves"],
        min_samples_leaf=cfg["msl"],
        l2_regularization=1.0,
        max_iter=n_iter or 1000,
        early_stopping=False,
        random_state=42,
    )
    mdl.fit(X, y)
    if Xv is not None:
        # best iteration on the validation window
        errs = [np.mean(np.abs(p - yv)) for p in mdl.staged_predict(Xv)]
        return mdl, int(np.argmin(errs)) + 1
    return mdl, n_iter


def predict(kind, mdl, X, n_iter):
    if kind == "xgboost":
        import xgboost as xgb

        return mdl.predict(xgb.DMatrix(X, missing=np.nan), iteration_range=(0, n_iter))
    if n_iter >= mdl.n_iter_:
        return mdl.predict(X)
    for k, p in enumerate(mdl.staged_predict(X), 1):
        if k == n_iter:
            return p
    return mdl.predict(X)


GRIDS = {
    "xgboost": [
        {"lr": 0.05, "depth": 6, "mcw": 5},
        {"lr": 0.05, "depth": 8, "mcw": 20},
        {"lr": 0.1, "depth": 4, "mcw": 5},
    ],
    "hgb": [
        {"lr": 0.05, "leaves": 31, "msl": 20},
        {"lr": 0.05, "leaves": 63, "msl": 50},
        {"lr": 0.1, "leaves": 15, "msl": 20},
    ],
}
MAX_ITER = {"xgboost": None, "hgb": 300}


def prepare(series, m, H, lags, windows, xcols, stride):
    """Feature tables shared by both peers: validation fit/score, final fit, final origin."""
    t0 = time.time()
    vcut = lambda s: s["n"] - H  # noqa: E731 validation: the last H training periods
    fcut = lambda s: s["n"]  # noqa: E731
    X, y = build(series, m, H, lags, windows, xcols, vcut, stride)
    Xv, meta_v = origin_rows(series, m, H, lags, windows, xcols, vcut)
    Xf, yf = build(series, m, H, lags, windows, xcols, fcut, stride)
    Xo, meta_o = origin_rows(series, m, H, lags, windows, xcols, fcut)
    by_id = {s["id"]: s for s in series}
    yv_raw = np.array([by_id[i]["y"][k] for i, _, k in meta_v])
    log(f"{len(y)} training rows, {X.shape[1]} features, built in {time.time() - t0:.1f} s")
    return {"X": X, "y": y, "Xv": Xv, "meta_v": meta_v, "yv_raw": yv_raw, "Xf": Xf, "yf": yf, "Xo": Xo, "meta_o": meta_o}


def screen_covariates(data, xcols):
    """Covariates that help or stay out: each covariate's features are dropped when the validation
    MAE of a quick HistGradientBoosting fit (learning rate 0.1, 15 leaves, 150 iterations) is no
    worse without them. Returns the feature columns to keep."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    X, y, Xv, yv_raw = data["X"], data["y"], data["Xv"], data["yv_raw"]
    ok = np.isfinite(yv_raw)

    def score(cols):
        mdl = HistGradientBoostingRegressor(learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20, max_iter=150, early_stopping=False, random_state=42)
        mdl.fit(X[cols], y)
        return np.mean(np.abs(np.expm1(mdl.predict(Xv.loc[ok, cols])) - yv_raw[ok]))

    cols = list(X.columns)
    base = score(cols)
    log(f"covariate screen: all features, validation MAE {base:.3f}")
    for c in xcols:
        without = [k for k in cols if not (k == c or k.startswith(c + "_"))]
        if len(without) == len(cols):
            continue
        err = score(without)
        keep = err > base
        log(f"covariate screen: without {c} {err:.3f} -> {'keep' if keep else 'drop'}")
        if not keep:
            cols, base = without, err
    return cols


def run(kind, data, H, n_series):
    t0 = time.time()
    cols = data["cols"]
    X, y, Xv, meta_v, yv_raw = data["X"][cols], data["y"], data["Xv"][cols], data["meta_v"], data["yv_raw"]
    yv = np.log1p(np.maximum(yv_raw, 0))
    ok = np.isfinite(yv)
    best = None
    for cfg in GRIDS[kind]:
        mdl, it = fit_model(kind, cfg, X, y, Xv[ok], yv[ok], MAX_ITER[kind])
        pv = predict(kind, mdl, Xv, it)
        err = np.nanmean(np.abs(np.expm1(pv) - yv_raw))
        log(f"{kind} {cfg} iters {it}: validation MAE {err:.3f} ({time.time() - t0:.0f} s)")
        if best is None or err < best[0]:
            best = (err, cfg, it, pv)
    _, cfg, it, pv = best
    steps = np.array([h for _, h, _ in meta_v])
    res = yv - pv
    q = {}
    for h in range(1, H + 1):
        r = res[(steps == h) & ok]
        r = r if len(r) > 5 else res[ok]
        q[h] = (np.quantile(r, 0.1), np.quantile(r, 0.9))
    # refit on all training origins with the chosen configuration; iterations scaled with the rows
    Xf, yf = data["Xf"], data["yf"]
    n_final = max(1, int(round(it * min(len(yf) / max(len(y), 1), 1.2))))
    mdl, _ = fit_model(kind, cfg, Xf[cols], yf, n_iter=n_final)
    p = predict(kind, mdl, data["Xo"][cols], n_final)
    secs = time.time() - t0
    out = []
    for (sid, h, _), v in zip(data["meta_o"], p):
        lo, hi = q[h]
        out.append((sid, kind, h, max(np.expm1(v + lo), 0), max(np.expm1(v), 0), max(np.expm1(v + hi), 0), secs / n_series))
    return out, {"config": cfg, "iterations": n_final, "rows": len(yf), "seconds": round(secs, 1)}


def main():
    inp, outp, m, H, freq = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    d = pd.read_csv(inp)
    series, xcols = series_arrays(d, freq)
    lags = 8 if freq == "week" else 14
    windows = (4, 13, 52) if freq == "week" else (7, 28, 91, 364)
    total = sum(s["n"] for s in series) * H
    stride = max(1, int(np.ceil(total / MAX_ROWS)))
    log(f"{len(series)} series, horizon {H}, period {m}, origin stride {stride}")
    data = prepare(series, m, H, lags, windows, xcols, stride)
    data["cols"] = screen_covariates(data, xcols)
    rows = []
    for kind in ("hgb", "xgboost"):
        r, info = run(kind, data, H, len(series))
        log(f"{kind} {info}")
        rows += r
    pd.DataFrame(rows, columns=["id", "model", "step", "p10", "p50", "p90", "secs"]).to_csv(outp, index=False)


if __name__ == "__main__":
    main()
