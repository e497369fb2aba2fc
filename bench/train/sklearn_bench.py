"""scikit-learn side of bench/train: the same split, scaling and models as melix-train-bench.

Usage: python3 sklearn_bench.py logistic <file.csv> <target> <C> <tol> <repeats>
       python3 sklearn_bench.py knn <file.csv> <target> <k> <repeats>
Prints one JSON line like the Melix side.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier


def timed(repeats, body):
    result = body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2], result


def main():
    kind, path, target = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats = int(sys.argv[-1])
    frame = pd.read_csv(path)
    names = sorted(set(frame[target].astype(str)))
    y = np.array([names.index(v) for v in frame[target].astype(str)])
    X = frame.drop(columns=[target]).to_numpy(dtype=np.float64)
    rows = np.arange(len(y))
    test, train = rows[rows % 4 == 0], rows[rows % 4 != 0]
    mean = X[train].mean(axis=0)
    std = X[train].std(axis=0)
    std[std == 0] = 1
    Xs = (X - mean) / std
    if kind == "logistic":
        model = LogisticRegression(C=float(sys.argv[4]), tol=float(sys.argv[5]), max_iter=10000)
    else:
        model = KNeighborsClassifier(n_neighbors=int(sys.argv[4]))
    fit_time, model = timed(repeats, lambda: model.fit(Xs[train], y[train]))
    predict_time, predicted = timed(repeats, lambda: model.predict(Xs[test]))
    iterations = int(model.n_iter_[0]) if kind == "logistic" else 0
    print(json.dumps({"tool": "scikit-learn", "fit_seconds": fit_time,
                      "predict_seconds": predict_time, "iterations": iterations,
                      "accuracy": float((predicted == y[test]).mean())}))


if __name__ == "__main__":
    main()
