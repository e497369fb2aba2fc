"""scikit-learn side of bench/train: the same split, scaling and model as melix-train-bench.

Usage: python3 sklearn_bench.py <breast_cancer.csv> <C> <tol> <repeats>
Prints one JSON line like the Melix side.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression


def main():
    path, C, tol, repeats = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    frame = pd.read_csv(path)
    names = sorted(set(frame["diagnosis"]))
    y = np.array([names.index(v) for v in frame["diagnosis"]])
    X = frame.drop(columns=["diagnosis"]).to_numpy(dtype=np.float64)
    rows = np.arange(len(y))
    test, train = rows[rows % 4 == 0], rows[rows % 4 != 0]
    mean = X[train].mean(axis=0)
    std = X[train].std(axis=0)
    std[std == 0] = 1
    Xs = (X - mean) / std
    model = LogisticRegression(C=C, tol=tol, max_iter=10000)
    model.fit(Xs[train], y[train])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.fit(Xs[train], y[train])
        times.append(time.perf_counter() - start)
    times.sort()
    accuracy = float((model.predict(Xs[test]) == y[test]).mean())
    print(json.dumps({"tool": "scikit-learn", "fit_seconds": times[len(times) // 2],
                      "iterations": int(model.n_iter_[0]), "accuracy": accuracy}))


if __name__ == "__main__":
    main()
