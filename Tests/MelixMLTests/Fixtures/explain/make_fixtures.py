"""Reference values for Tests/MelixMLTests/Explain*.swift, from shap and scikit-learn.

Run from this folder: `python3 make_fixtures.py` (needs numpy, pandas, scikit-learn, shap).
Reads the small CSV copies beside this file (see SOURCES.md) and writes explain.json.
Model parameters are stored with the references, so the Swift tests rebuild exactly the
models explained here and test the explainers, not the fitting.
"""
import json

import numpy as np
import pandas as pd
import shap
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.utils import check_random_state


def load(name, target):
    df = pd.read_csv(f"{name}.csv")
    y = df.pop(target)
    return df.to_numpy(dtype=float), y, list(df.columns)


def mat(a):
    return np.asarray(a, dtype=float).tolist()


out = {"versions": {"shap": shap.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}}

# --- Linear SHAP: linear regression on diabetes -------------------------------------------
X, y, names = load("diabetes_small", "target")
y = y.to_numpy(dtype=float)
lin = LinearRegression().fit(X, y)
background, rows = X[:50], X[100:120]
ex = shap.LinearExplainer(lin, background)
out["linear_diabetes"] = {
    "feature_names": names, "coefficients": [mat(lin.coef_)], "intercepts": [float(lin.intercept_)],
    "background": mat(background), "data": mat(rows),
    "values": [mat(ex.shap_values(rows))], "base_values": [float(ex.expected_value)],
}

# --- Linear SHAP: binary logistic regression on breast cancer (log-odds) ------------------
Xb, yb, names_b = load("breast_cancer_small", "diagnosis")
yb = yb.map({"malignant": 0, "benign": 1}).to_numpy()  # scikit-learn's class order
Xb = (Xb - Xb.mean(0)) / Xb.std(0)  # standardised so lbfgs converges; the test uses these rows
log_b = LogisticRegression(max_iter=5000).fit(Xb, yb)
background, rows = Xb[:60], Xb[150:170]
ex = shap.LinearExplainer(log_b, background)
out["logistic_breast_cancer"] = {
    "feature_names": names_b, "classes": [int(c) for c in log_b.classes_],
    "coefficients": mat(log_b.coef_), "intercepts": mat(log_b.intercept_),
    "background": mat(background), "data": mat(rows),
    "values": [mat(ex.shap_values(rows))], "base_values": [float(np.ravel(ex.expected_value)[0])],
}

# --- Linear SHAP: multinomial logistic regression on iris (log-odds per class) ------------
Xi, species, names_i = load("iris", "species")
levels = sorted(species.unique())
yi = species.map({s: k for k, s in enumerate(levels)}).to_numpy()
log_i = LogisticRegression(max_iter=5000).fit(Xi, yi)
background, rows = Xi[::5], Xi[[3, 60, 120, 140]]
ex = shap.LinearExplainer(log_i, background)
sv = np.asarray(ex.shap_values(rows))
if sv.ndim == 3 and sv.shape[0] != len(levels):  # newer shap: [rows, features, classes]
    sv = np.moveaxis(sv, 2, 0)
out["logistic_iris"] = {
    "feature_names": names_i, "class_names": levels,
    "coefficients": mat(log_i.coef_), "intercepts": mat(log_i.intercept_),
    "background": mat(background), "data": mat(rows),
    "values": [mat(v) for v in sv], "base_values": mat(np.ravel(ex.expected_value)),
}

# --- Kernel SHAP: probabilities of the breast-cancer model on its first 10 features -------
# 10 features: 2^10 - 2 = 1022 coalitions <= shap's default budget 2*10 + 2048, so shap
# enumerates every coalition and the values are exact.
X10 = Xb[:, :10]
log10 = LogisticRegression(max_iter=5000).fit(X10, yb)
background, rows = X10[200:230], X10[[0, 7, 19, 250, 290]]
kex = shap.KernelExplainer(log10.predict_proba, background)
kv = np.asarray(kex.shap_values(rows, silent=True))
if kv.ndim == 3 and kv.shape[0] != 2:
    kv = np.moveaxis(kv, 2, 0)
out["kernel_breast_cancer10"] = {
    "feature_names": names_b[:10], "classes": [int(c) for c in log10.classes_],
    "coefficients": mat(log10.coef_), "intercepts": mat(log10.intercept_),
    "background": mat(background), "data": mat(rows),
    "values": [mat(v) for v in kv], "base_values": mat(np.ravel(kex.expected_value)),
}

# --- Kernel SHAP: iris class probabilities, 4 features ------------------------------------
background, rows = Xi[1::10], Xi[[0, 50, 100, 149]]
kex = shap.KernelExplainer(log_i.predict_proba, background)
kv = np.asarray(kex.shap_values(rows, silent=True))
if kv.ndim == 3 and kv.shape[0] != len(levels):
    kv = np.moveaxis(kv, 2, 0)
out["kernel_iris"] = {
    "values": [mat(v) for v in kv], "base_values": mat(np.ravel(kex.expected_value)),
    "background": mat(background), "data": mat(rows),
}


# --- Permutation importance ----------------------------------------------------------------
def shuffles(seed, n, repeats):
    """The index arrays scikit-learn's _calculate_permutation_scores draws (one shared seed)."""
    col_seed = check_random_state(seed).randint(np.iinfo(np.int32).max + 1)
    rs = check_random_state(col_seed)
    idx = np.arange(n)
    result = []
    for _ in range(repeats):
        rs.shuffle(idx)
        result.append(idx.tolist())
    return result


def replay(predict, X, y, metric, shuf):
    """The same algorithm with the recorded shuffles, to check the recording."""
    base = metric(y, predict(X))
    imps = []
    for j in range(X.shape[1]):
        Xp = X.copy()
        drops = []
        for s in shuf:
            Xp[:, j] = Xp[s, j]
            drops.append(base - metric(y, predict(Xp)))
        imps.append(drops)
    return np.array(imps)


from sklearn.metrics import accuracy_score, r2_score

r = permutation_importance(lin, X, y, scoring="r2", n_repeats=5, random_state=0)
sh = shuffles(0, len(X), 5)
assert np.allclose(replay(lin.predict, X, y, r2_score, sh), r.importances, atol=1e-12)
out["permutation_diabetes"] = {
    "data": mat(X), "target": mat(y), "shuffles": sh, "metric": "r2",
    "importances": mat(r.importances), "importances_mean": mat(r.importances_mean),
    "importances_std": mat(r.importances_std),
}
r = permutation_importance(log_i, Xi, yi, scoring="accuracy", n_repeats=4, random_state=3)
sh = shuffles(3, len(Xi), 4)
assert np.allclose(replay(log_i.predict, Xi, yi, accuracy_score, sh), r.importances, atol=1e-12)
out["permutation_iris"] = {
    "data": mat(Xi), "target": mat(yi), "shuffles": sh, "metric": "accuracy",
    "importances": mat(r.importances), "importances_mean": mat(r.importances_mean),
    "importances_std": mat(r.importances_std),
}

with open("explain.json", "w") as f:
    json.dump(out, f)
print("wrote explain.json")
