"""Reference fits for the classical models (called by make_fixtures.py; writes models.json).

scikit-learn's LogisticRegression is run with a much tighter tolerance than its default
(tol=1e-10, max_iter=100000) so its coefficients are the optimum to ~1e-8 and the Swift
solver's results can be compared to 1e-4 without depending on where either stops.
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.preprocessing import StandardScaler


def read(here, name, target):
    frame = pd.read_csv(os.path.join(here, name))
    y = frame[target].to_numpy()
    X = frame.drop(columns=[target]).to_numpy(dtype=np.float64)
    return X, y


def linear_cases(here):
    X, y = read(here, "diabetes.csv", "target")
    cases = []
    for alpha in [0.0, 0.1, 1.0, 100.0]:
        model = LinearRegression() if alpha == 0 else Ridge(alpha=alpha, solver="cholesky")
        model.fit(X, y)
        cases.append({
            "alpha": alpha, "coefficients": model.coef_, "intercept": model.intercept_,
            "predictionsFirst10": model.predict(X[:10]),
        })
    return cases


def logistic_cases(here):
    cases = []
    for file, target, C, scale in [
        ("breast_cancer.csv", "diagnosis", 1.0, True),
        ("breast_cancer.csv", "diagnosis", 0.05, True),
        ("iris.csv", "species", 1.0, False),
        ("iris.csv", "species", 10.0, True),
        ("wine.csv", "target", 0.5, True),
    ]:
        X, labels = read(here, file, target)
        names = sorted(set(str(v) for v in labels))
        y = np.array([names.index(str(v)) for v in labels])
        mean = np.zeros(X.shape[1])
        std = np.ones(X.shape[1])
        if scale:
            scaler = StandardScaler().fit(X)
            mean, std = scaler.mean_, scaler.scale_
        Xs = (X - mean) / std
        model = LogisticRegression(C=C, tol=1e-10, max_iter=100000).fit(Xs, y)
        assert model.n_iter_[0] < 100000
        cases.append({
            "file": file, "target": target, "C": C, "classNames": names,
            "scaleMean": mean, "scaleStd": std,
            "coefficients": model.coef_, "intercepts": model.intercept_,
            "probabilitiesFirst10": model.predict_proba(Xs[:10]),
            "predictions": model.predict(Xs),
            "sklearnIterations": int(model.n_iter_[0]),
        })
    return cases


def knn_cases(here):
    X, labels = read(here, "iris.csv", "species")
    names = sorted(set(labels))
    y = np.array([names.index(v) for v in labels])
    cases = []
    for seed in range(5):
        train, test = train_test_split(np.arange(len(y)), test_size=0.3, random_state=seed)
        for k in [1, 3, 5, 7, 10]:
            model = KNeighborsClassifier(n_neighbors=k).fit(X[train], y[train])
            cases.append({
                "seed": seed, "k": k, "train": train, "test": test,
                "predictions": model.predict(X[test]),
                "probabilities": model.predict_proba(X[test]),
            })
    Xd, yd = read(here, "diabetes.csv", "target")
    train, test = train_test_split(np.arange(len(yd)), test_size=0.3, random_state=0)
    regression = []
    for k in [1, 5, 20]:
        model = KNeighborsRegressor(n_neighbors=k).fit(Xd[train], yd[train])
        regression.append({"k": k, "train": train, "test": test,
                           "predictions": model.predict(Xd[test])})
    return cases, regression


def end_to_end_cases(here):
    """The pipelines of examples/breast_cancer.mlx and examples/diabetes.mlx: every 4th row
    held out, features standardised with the training rows' statistics."""
    from sklearn import metrics as M
    out = {}
    X, labels = read(here, "breast_cancer.csv", "diagnosis")
    names = sorted(set(labels))
    y = np.array([names.index(v) for v in labels])
    rows = np.arange(len(y))
    test, train = rows[rows % 4 == 0], rows[rows % 4 != 0]
    scaler = StandardScaler().fit(X[train])
    model = LogisticRegression(C=1.0, tol=1e-10, max_iter=100000).fit(
        scaler.transform(X[train]), y[train])
    proba = model.predict_proba(scaler.transform(X[test]))
    pred = model.predict(scaler.transform(X[test]))
    out["breastCancer"] = {
        "classNames": names, "accuracy": M.accuracy_score(y[test], pred),
        "rocAUC": M.roc_auc_score(y[test], proba[:, 1]),
        "averagePrecision": M.average_precision_score(y[test], proba[:, 1]),
        "logLoss": M.log_loss(y[test], proba),
        "report": M.classification_report(y[test], pred, target_names=names, digits=4),
    }
    X, y = read(here, "diabetes.csv", "target")
    rows = np.arange(len(y))
    test, train = rows[rows % 4 == 0], rows[rows % 4 != 0]
    scaler = StandardScaler().fit(X[train])
    model = Ridge(alpha=1.0, solver="cholesky").fit(scaler.transform(X[train]), y[train])
    pred = model.predict(scaler.transform(X[test]))
    out["diabetes"] = {
        "r2": M.r2_score(y[test], pred), "rmse": M.root_mean_squared_error(y[test], pred),
        "mae": M.mean_absolute_error(y[test], pred),
    }
    return out


def main(here, clean):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        knn, knn_regression = knn_cases(here)
        models = {
            "linear": linear_cases(here),
            "logistic": logistic_cases(here),
            "knnClassifier": knn,
            "knnRegressor": knn_regression,
            "endToEnd": end_to_end_cases(here),
        }
    with open(os.path.join(here, "models.json"), "w") as f:
        json.dump(clean(models), f, indent=1)
        f.write("\n")
