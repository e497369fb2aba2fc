"""shap.KernelExplainer side of bench/shap/run.sh.

Usage: shap_bench.py make CASE.json       -- writes the model, background and rows
       shap_bench.py time CASE.json N     -- prints JSON: median seconds, first row's values
"""
import json
import sys
import time

import numpy as np

if sys.argv[1] == "make":
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression

    X, y = load_breast_cancer(return_X_y=True)
    X = X[:, :10]
    X = (X - X.mean(0)) / X.std(0)
    model = LogisticRegression(max_iter=5000).fit(X, y)
    rng = np.random.RandomState(0)
    case = {
        "classes": model.classes_.tolist(), "coefficients": model.coef_.tolist(),
        "intercepts": model.intercept_.tolist(),
        "background": X[rng.choice(len(X), 50, replace=False)].tolist(),
        "rows": X[rng.choice(len(X), 20, replace=False)].tolist(),
    }
    json.dump(case, open(sys.argv[2], "w"))
else:
    import shap
    from sklearn.linear_model import LogisticRegression

    case = json.load(open(sys.argv[2]))
    repeats = int(sys.argv[3])
    model = LogisticRegression()
    model.classes_ = np.array(case["classes"])
    model.coef_ = np.array(case["coefficients"])
    model.intercept_ = np.array(case["intercepts"])
    explainer = shap.KernelExplainer(model.predict_proba, np.array(case["background"]))
    rows = np.array(case["rows"])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        values = np.asarray(explainer.shap_values(rows, silent=True))
        times.append(time.perf_counter() - start)
    if values.ndim == 3 and values.shape[0] != 2:
        values = np.moveaxis(values, 2, 0)
    print(json.dumps({"seconds": sorted(times)[len(times) // 2], "first_row": values[1][0].tolist()}))
