"""The work of the three example pipelines in scikit-learn (and xgboost when installed), for
scripts/bench-examples.ts to print side by side. Same splits as the course; prints wall time per
step and per pipeline, and the process's peak RSS. Only runs where python3-sklearn is installed.

    python3 scripts/bench-examples-sklearn.py examples/data
"""
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import mean_squared_error, roc_auc_score
from sklearn.model_selection import KFold, train_test_split
from sklearn.tree import DecisionTreeClassifier

try:
    import xgboost as xgb
except ImportError:
    xgb = None

DATA = sys.argv[1] if len(sys.argv) > 1 else "examples/data"


def timed(label, fn):
    t = time.perf_counter()
    out = fn()
    print(f"  {label:<32} {time.perf_counter() - t:8.3f} s")
    return out


def clean(df):
    df.columns = df.columns.str.lower().str.replace(" ", "_")
    for c in df.dtypes[df.dtypes == "object"].index:
        df[c] = df[c].str.lower().str.replace(" ", "_")
    return df


def split(df, seed):
    full, test = train_test_split(df, test_size=0.2, random_state=seed)
    train, val = train_test_split(full, test_size=0.25, random_state=seed)
    return full, train, val, test


def fit_dv(df, cols):
    dv = DictVectorizer(sparse=False)
    X = dv.fit_transform(df[cols].to_dict(orient="records"))
    return dv, X


def churn():
    df = clean(pd.read_csv(f"{DATA}/WA_Fn-UseC_-Telco-Customer-Churn.csv"))
    df.totalcharges = pd.to_numeric(df.totalcharges, errors="coerce").fillna(0)
    df.churn = (df.churn == "yes").astype(int)
    cols = [c for c in df.columns if c not in ("customerid", "churn")]
    full, _, _, test = split(df, 1)

    def cv(C):
        aucs = []
        for tr, va in KFold(5, shuffle=True, random_state=1).split(full):
            a, b = full.iloc[tr], full.iloc[va]
            dv, X = fit_dv(a, cols)
            m = LogisticRegression(C=C, max_iter=1000).fit(X, a.churn)
            aucs.append(roc_auc_score(b.churn, m.predict_proba(dv.transform(b[cols].to_dict(orient="records")))[:, 1]))
        return np.mean(aucs)

    scores = timed("cross-validate (7 C x 5 folds)", lambda: {C: cv(C) for C in [0.001, 0.01, 0.1, 0.5, 1, 5, 10]})
    best = max(scores, key=scores.get)
    dv, X = fit_dv(full, cols)
    m = timed("final fit", lambda: LogisticRegression(C=best, max_iter=1000).fit(X, full.churn))
    auc = roc_auc_score(test.churn, m.predict_proba(dv.transform(test[cols].to_dict(orient="records")))[:, 1])
    print(f"  cv_auc {scores[best]:.6f} (C={best}), test_auc {auc:.6f}")


def car_price():
    df = clean(pd.read_csv(f"{DATA}/data.csv"))
    n = len(df)
    idx = np.arange(n)
    np.random.seed(2)
    np.random.shuffle(idx)
    n_val, n_test = int(n * 0.2), int(n * 0.2)
    n_train = n - n_val - n_test
    tr, va, te = (df.iloc[idx[:n_train]], df.iloc[idx[n_train:n_train + n_val]], df.iloc[idx[n_train + n_val:]])
    base = ["engine_hp", "engine_cylinders", "highway_mpg", "city_mpg", "popularity"]
    cats = {c: list(tr[c].value_counts().head().index) for c in
            ["make", "model", "engine_fuel_type", "driven_wheels", "market_category", "vehicle_size", "vehicle_style"]}

    def prep(d):
        d = d.copy()
        feats = base + ["age"]
        d["age"] = 2017 - d.year
        for v in [2, 3, 4]:
            d[f"num_doors_{v}"] = (d.number_of_doors == v).astype(int)
            feats.append(f"num_doors_{v}")
        for c, vs in cats.items():
            for v in vs:
                d[f"{c}_{v}"] = (d[c] == v).astype(int)
                feats.append(f"{c}_{v}")
        return d[feats].fillna(0).values

    def ridge(X, y, r=0.001):
        X = np.column_stack([np.ones(X.shape[0]), X])
        w = np.linalg.inv(X.T @ X + r * np.eye(X.shape[1])) @ X.T @ y
        return w

    def rmse(w, X, y):
        return np.sqrt(mean_squared_error(y, w[0] + X @ w[1:]))

    w = timed("ridge", lambda: ridge(prep(tr), np.log1p(tr.msrp)))
    full = pd.concat([tr, va])
    w2 = ridge(prep(full), np.log1p(full.msrp))
    print(f"  val_rmse {rmse(w, prep(va), np.log1p(va.msrp)):.6f}, test_rmse {rmse(w2, prep(te), np.log1p(te.msrp)):.6f}")

    cols = ["make", "model", "year", "engine_hp", "engine_cylinders", "transmission_type", "vehicle_style",
            "highway_mpg", "city_mpg"]
    d = df[cols + ["msrp"]].fillna({"engine_hp": 0, "engine_cylinders": 0})
    _, a, b, _ = split(d, 2)  # the pipeline's one seed (default 2) drives every split
    mu = a.msrp.mean()
    dv, X = fit_dv(a, cols)
    Xv = dv.transform(b[cols].to_dict(orient="records"))
    ya, yb = (a.msrp >= mu).astype(int), (b.msrp >= mu).astype(int)
    learners = {
        "logistic regression": lambda: LogisticRegression(C=10, solver="liblinear", max_iter=1000),
        "decision tree": lambda: DecisionTreeClassifier(max_depth=6, min_samples_leaf=15),
        "random forest": lambda: RandomForestClassifier(100, max_depth=10, min_samples_leaf=3, random_state=2, n_jobs=1),
    }
    for name, make in learners.items():
        m = timed(name, lambda: make().fit(X, ya))
        print(f"    val_auc {roc_auc_score(yb, m.predict_proba(Xv)[:, 1]):.4f}")
    if xgb:
        dtr = xgb.DMatrix(X, label=ya)
        params = {"eta": 0.3, "max_depth": 6, "min_child_weight": 1, "objective": "binary:logistic", "nthread": 1,
                  "tree_method": "hist"}
        m = timed("gradient boosting (xgboost)", lambda: xgb.train(params, dtr, 100))
        print(f"    val_auc {roc_auc_score(yb, m.predict(xgb.DMatrix(Xv))):.4f}")


def trees():
    df = pd.read_csv(f"{DATA}/CreditScoring.csv")
    df.columns = df.columns.str.lower()
    maps = {
        "status": {1: "ok", 2: "default", 0: "unk"},
        "home": {1: "rent", 2: "owner", 3: "private", 4: "ignore", 5: "parents", 6: "other", 0: "unk"},
        "marital": {1: "single", 2: "married", 3: "widow", 4: "separated", 5: "divorced", 0: "unk"},
        "records": {1: "no", 2: "yes", 0: "unk"},
        "job": {1: "fixed", 2: "partime", 3: "freelance", 4: "others", 0: "unk"},
    }
    for c, m in maps.items():
        df[c] = df[c].map(m)
    for c in ["income", "assets", "debt"]:
        df[c] = df[c].replace(to_replace=99999999, value=np.nan)
    df = df[df.status != "unk"].reset_index(drop=True).fillna(0)
    _, tr, va, _ = split(df, 11)
    y, yv = (tr.status == "default").astype(int).values, (va.status == "default").astype(int).values
    cols = [c for c in df.columns if c != "status"]
    dv, X = fit_dv(tr, cols)
    Xv = dv.transform(va[cols].to_dict(orient="records"))

    def auc(m):
        return roc_auc_score(yv, m.predict_proba(Xv)[:, 1])

    dt = timed("decision tree grid (24)", lambda: max(
        auc(DecisionTreeClassifier(max_depth=d, min_samples_leaf=s).fit(X, y))
        for d in [4, 5, 6] for s in [1, 5, 10, 15, 20, 100, 200, 500]))
    rf = timed("random forest sweep (20)", lambda: max(
        auc(RandomForestClassifier(n, max_depth=10, min_samples_leaf=3, random_state=11, n_jobs=1).fit(X, y))
        for n in range(10, 201, 10)))
    print(f"  dt_val_auc {dt:.4f}, rf_val_auc {rf:.4f}")
    if xgb:
        dtr, dva = xgb.DMatrix(X, label=y), xgb.DMatrix(Xv)

        def gb(eta, d, w):
            p = {"eta": eta, "max_depth": d, "min_child_weight": w, "objective": "binary:logistic", "nthread": 1,
                  "tree_method": "hist"}
            return roc_auc_score(yv, xgb.train(p, dtr, 200).predict(dva))

        best = timed("xgboost grid (36 x 200 rounds)", lambda: max(
            gb(e, d, w) for e in [0.3, 0.1, 0.05] for d in [3, 4, 6, 10] for w in [1, 10, 30]))
        print(f"  gb_val_auc {best:.4f}")


total = 0.0
for name, fn in [("churn", churn), ("car-price", car_price), ("trees", trees)]:
    print(name)
    t = time.perf_counter()
    fn()
    wall = time.perf_counter() - t
    total += wall
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {name}: {wall:.2f} s wall, peak RSS {rss:.0f} MB")
print(f"all three: {total:.2f} s wall (imports excluded)")
