"""Reference values for MelixMLTests, computed with scikit-learn.

Run in this folder:  python3 make_fixtures.py
Writes metrics.json (and, for the models, models.json). Every number the Swift tests
compare against comes from here; `swift test` itself needs no Python.

Floats that are NaN or infinite are written as the strings "NaN", "Infinity", "-Infinity"
(the Swift side decodes them with JSONDecoder's nonConformingFloatDecodingStrategy).
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as M
from sklearn.datasets import load_digits
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

HERE = os.path.dirname(os.path.abspath(__file__))


def clean(x):
    """Converts numpy values to JSON-safe Python values (NaN/inf as strings)."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, (np.str_,)):
        return str(x)
    return x


def recorded(fn):
    """Runs fn, returning (value, sorted warning categories seen)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn()
    kinds = sorted({w.category.__name__ for w in caught})
    return value, kinds


def read_csv(name, target):
    frame = pd.read_csv(os.path.join(HERE, name))
    y = frame[target].astype(str).to_numpy()
    X = frame.drop(columns=[target]).to_numpy(dtype=np.float64)
    return X, y


# MARK: - Classification on real data

def classification_case(name, y_true, y_pred, proba, classes, zero_division="warn"):
    y_true = np.asarray(y_true).astype(str)
    y_pred = np.asarray(y_pred).astype(str)
    classes = [str(c) for c in classes]
    labels = sorted(set(y_true) | set(y_pred))
    assert labels == classes, (labels, classes)
    prf = M.precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, zero_division=zero_division)
    expected = {
        "accuracy": M.accuracy_score(y_true, y_pred),
        "balancedAccuracy": M.balanced_accuracy_score(y_true, y_pred),
        "balancedAccuracyAdjusted": M.balanced_accuracy_score(y_true, y_pred, adjusted=True),
        "precision": prf[0], "recall": prf[1], "f1": prf[2], "support": prf[3],
        "confusion": M.confusion_matrix(y_true, y_pred, labels=labels),
        "report": M.classification_report(y_true, y_pred, zero_division=zero_division),
    }
    for average in ["macro", "micro", "weighted"]:
        p, r, f, _ = M.precision_recall_fscore_support(
            y_true, y_pred, average=average, zero_division=zero_division)
        expected[average] = {"precision": p, "recall": r, "fScore": f}
        expected[average + "F2"] = M.fbeta_score(
            y_true, y_pred, beta=2.0, average=average, zero_division=zero_division)
    if len(labels) == 2:
        p, r, f, _ = M.precision_recall_fscore_support(
            y_true, y_pred, average="binary", pos_label=labels[1], zero_division=zero_division)
        expected["binary"] = {"precision": p, "recall": r, "fScore": f}
        scores = proba[:, 1]
        expected["rocAUC"] = M.roc_auc_score(y_true, scores)
        expected["averagePrecision"] = M.average_precision_score(
            y_true, scores, pos_label=labels[1])
        pr = M.precision_recall_curve(y_true, scores, pos_label=labels[1])
        expected["prAUC"] = M.auc(pr[1], pr[0])
        roc = M.roc_curve(y_true, scores, pos_label=labels[1])
        expected["rocCurve"] = {"fpr": roc[0], "tpr": roc[1], "thresholds": roc[2]}
        expected["prCurve"] = {"precision": pr[0], "recall": pr[1], "thresholds": pr[2]}
        expected["logLossBinary"] = M.log_loss(y_true, scores, labels=labels)
    else:
        expected["rocAUC"] = M.roc_auc_score(y_true, proba, multi_class="ovr", average="macro")
        expected["rocAUCWeighted"] = M.roc_auc_score(
            y_true, proba, multi_class="ovr", average="weighted")
        expected["rocAUCMicro"] = M.roc_auc_score(
            y_true, proba, multi_class="ovr", average="micro")
        expected["averagePrecision"] = M.average_precision_score(y_true, proba, average="macro")
        expected["averagePrecisionWeighted"] = M.average_precision_score(
            y_true, proba, average="weighted")
        expected["averagePrecisionMicro"] = M.average_precision_score(
            y_true, proba, average="micro")
    expected["logLoss"] = M.log_loss(y_true, proba, labels=labels)
    return {
        "name": name, "yTrue": list(y_true), "yPred": list(y_pred),
        "probabilities": proba, "labels": labels, "expected": expected,
    }


def real_classification_cases():
    cases = []
    # Weak models on few features, so the predictions have errors, ties and
    # probabilities of exactly 0 or 1 (GaussianNB saturates).
    for file, target, columns in [
        ("iris.csv", "species", [0, 1]),
        ("wine.csv", "target", [0, 1]),
        ("breast_cancer.csv", "diagnosis", [1, 4, 9]),
    ]:
        X, y = read_csv(file, target)
        X = X[:, columns]
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
        model = GaussianNB().fit(Xtr, ytr)
        cases.append(classification_case(
            file.replace(".csv", "") + "_gaussian_nb", yte, model.predict(Xte),
            model.predict_proba(Xte), model.classes_))
    digits = load_digits()
    Xtr, Xte, ytr, yte = train_test_split(
        digits.data, digits.target, test_size=0.3, random_state=1, stratify=digits.target)
    model = GaussianNB().fit(Xtr, ytr)
    cases.append(classification_case(
        "digits_gaussian_nb", yte, model.predict(Xte), model.predict_proba(Xte),
        model.classes_))
    return cases


# MARK: - Regression

def regression_case(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    expected = {}
    for key, fn in [
        ("mse", lambda: M.mean_squared_error(y_true, y_pred)),
        ("rmse", lambda: M.root_mean_squared_error(y_true, y_pred)),
        ("mae", lambda: M.mean_absolute_error(y_true, y_pred)),
        ("r2", lambda: M.r2_score(y_true, y_pred)),
        ("r2NotFinite", lambda: M.r2_score(y_true, y_pred, force_finite=False)),
        ("mape", lambda: M.mean_absolute_percentage_error(y_true, y_pred)),
        ("explainedVariance", lambda: M.explained_variance_score(y_true, y_pred)),
        ("explainedVarianceNotFinite",
         lambda: M.explained_variance_score(y_true, y_pred, force_finite=False)),
        ("medianAbsoluteError", lambda: M.median_absolute_error(y_true, y_pred)),
        ("maxError", lambda: M.max_error(y_true, y_pred)),
    ]:
        with np.errstate(all="ignore"):
            value, kinds = recorded(fn)
        expected[key] = value
        if kinds:
            expected[key + "Warnings"] = kinds
    return {"name": name, "yTrue": y_true, "yPred": y_pred, "expected": expected}


def regression_cases():
    from sklearn.linear_model import Ridge
    frame = pd.read_csv(os.path.join(HERE, "diabetes.csv"))
    y = frame["target"].to_numpy(dtype=np.float64)
    X = frame.drop(columns=["target"]).to_numpy(dtype=np.float64)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    pred = Ridge(alpha=1.0).fit(Xtr, ytr).predict(Xte)
    return [
        regression_case("diabetes_ridge", yte, pred),
        regression_case("constant_target_perfect", [3.0, 3.0, 3.0], [3.0, 3.0, 3.0]),
        regression_case("constant_target_imperfect", [3.0, 3.0, 3.0], [3.0, 4.0, 3.0]),
        regression_case("constant_residual", [1.0, 2.0, 4.0], [2.0, 3.0, 5.0]),
        regression_case("zero_in_true_mape", [0.0, 1.0, -2.0, 4.0], [0.5, 1.5, -2.0, 3.0]),
        regression_case("single_sample", [2.5], [3.0]),
    ]


# MARK: - Constructed edge cases

def edge_case(name, y_true, y_pred=None, scores=None, proba=None, labels=None,
              pos_label=None, calls=()):
    """Each call is (key, function); records value or error, and warning categories."""
    out = {"name": name, "yTrue": [str(v) for v in y_true]}
    if y_pred is not None:
        out["yPred"] = [str(v) for v in y_pred]
    if scores is not None:
        out["scores"] = list(map(float, scores))
    if proba is not None:
        out["probabilities"] = proba
    if labels is not None:
        out["labels"] = [str(v) for v in labels]
    if pos_label is not None:
        out["positiveLabel"] = str(pos_label)
    results = {}
    for key, fn in calls:
        try:
            value, kinds = recorded(fn)
            results[key] = {"value": value, "warnings": kinds}
        except ValueError as error:
            results[key] = {"error": str(error)}
    out["results"] = results
    return out


def edge_cases():
    cases = []
    # No predicted positives: precision has a zero denominator.
    t, p = ["0", "1", "0", "1"], ["0", "0", "0", "0"]
    calls = []
    for zd_name, zd in [("warn", "warn"), ("zero", 0.0), ("one", 1.0), ("nan", np.nan)]:
        for average in ["binary", "macro", "micro", "weighted"]:
            calls.append((f"precision_{average}_{zd_name}", lambda a=average, z=zd:
                          M.precision_score(t, p, average=a, pos_label="1", zero_division=z)))
            calls.append((f"recall_{average}_{zd_name}", lambda a=average, z=zd:
                          M.recall_score(t, p, average=a, pos_label="1", zero_division=z)))
            calls.append((f"f1_{average}_{zd_name}", lambda a=average, z=zd:
                          M.f1_score(t, p, average=a, pos_label="1", zero_division=z)))
    cases.append(edge_case("no_predicted_positives", t, p, calls=calls))

    # Neither true nor predicted positives: F1's own denominator is zero.
    t, p = ["0", "0", "0"], ["0", "0", "0"]
    calls = []
    for zd_name, zd in [("warn", "warn"), ("one", 1.0), ("nan", np.nan)]:
        calls.append((f"f1_binary_{zd_name}", lambda z=zd:
                      M.f1_score(t, p, pos_label="1", zero_division=z)))
        calls.append((f"precision_binary_{zd_name}", lambda z=zd:
                      M.precision_score(t, p, pos_label="1", zero_division=z)))
    cases.append(edge_case("no_true_nor_predicted_positives", t, p, calls=calls))

    # Labels absent from both arrays: weighted average falls back to the plain mean.
    t, p = ["0", "1", "2", "2"], ["0", "0", "0", "0"]
    cases.append(edge_case("labels_absent", t, p, labels=["5", "6"], calls=[
        ("precision_weighted_warn", lambda: M.precision_score(
            t, p, labels=["5", "6"], average="weighted")),
        ("precision_weighted_nan", lambda: M.precision_score(
            t, p, labels=["5", "6"], average="weighted", zero_division=np.nan)),
        ("f1_macro_one", lambda: M.f1_score(
            t, p, labels=["5", "6"], average="macro", zero_division=1.0)),
    ]))

    # A predicted class that never occurs in y_true.
    t, p = ["0", "1", "1"], ["0", "1", "2"]
    cases.append(edge_case("predicted_class_not_in_true", t, p, calls=[
        ("balanced_accuracy", lambda: M.balanced_accuracy_score(t, p)),
        ("balanced_accuracy_adjusted", lambda: M.balanced_accuracy_score(t, p, adjusted=True)),
        ("report", lambda: M.classification_report(t, p, labels=["0", "1"])),
    ]))

    # One class present in y_true: ROC AUC undefined.
    t, s = ["1", "1", "1", "1"], [0.2, 0.3, 0.9, 0.5]
    cases.append(edge_case("one_class_roc_auc", t, scores=s, pos_label="1", calls=[
        ("roc_auc", lambda: M.roc_auc_score(t, s)),
        ("average_precision", lambda: M.average_precision_score(t, s, pos_label="1")),
    ]))
    t0 = ["0", "0", "0"]
    s0 = [0.1, 0.7, 0.4]
    cases.append(edge_case("no_positive_average_precision", t0, scores=s0, pos_label="1",
                           calls=[
        ("average_precision", lambda: M.average_precision_score(t0, s0, pos_label="1")),
        ("roc_auc", lambda: M.roc_auc_score(t0, s0)),
    ]))

    # Tied scores across classes.
    t = [0, 0, 1, 1, 0, 1, 1, 0]
    s = [0.5, 0.5, 0.5, 0.9, 0.1, 0.1, 0.7, 0.7]
    cases.append(edge_case("tied_scores", t, scores=s, pos_label=1, calls=[
        ("roc_auc", lambda: M.roc_auc_score(t, s)),
        ("average_precision", lambda: M.average_precision_score(t, s)),
    ]))

    # Log-loss with probabilities of exactly 0 and 1 (clipped to [eps, 1 - eps]).
    t = ["0", "1", "1", "0"]
    q = [0.0, 1.0, 0.0, 1.0]
    cases.append(edge_case("log_loss_hard_probabilities", t, scores=q, calls=[
        ("log_loss", lambda: M.log_loss(t, q)),
    ]))
    t = ["0", "1", "1"]
    q = [0.0, 1.0, 1.0]
    cases.append(edge_case("log_loss_confident_right", t, scores=q, calls=[
        ("log_loss", lambda: M.log_loss(t, q)),
    ]))
    t = ["a", "b", "c", "a"]
    P = [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.2, 0.2, 0.6], [0.0, 1.0, 0.0]]
    cases.append(edge_case("log_loss_multiclass_hard", t, proba=P, calls=[
        ("log_loss", lambda: M.log_loss(t, P)),
    ]))
    t = ["1", "1"]
    q = [0.3, 0.4]
    cases.append(edge_case("log_loss_single_label", t, scores=q, labels=["0", "1"], calls=[
        ("log_loss", lambda: M.log_loss(t, q)),
        ("log_loss_labels", lambda: M.log_loss(t, q, labels=["0", "1"])),
    ]))
    t = ["a", "b", "c"]
    P = [[0.5, 0.2, 0.2], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]]
    cases.append(edge_case("log_loss_not_normalised", t, proba=P, calls=[
        ("log_loss", lambda: M.log_loss(t, P)),
    ]))
    return cases


def main():
    if sklearn.__version__ != "1.9.1":
        print(f"warning: fixtures were made with scikit-learn 1.9.1, this is "
              f"{sklearn.__version__}", file=sys.stderr)
    with np.errstate(all="ignore"):
        metrics = {
            "sklearnVersion": sklearn.__version__,
            "classification": real_classification_cases(),
            "regression": regression_cases(),
            "edgeCases": edge_cases(),
        }
    with open(os.path.join(HERE, "metrics.json"), "w") as f:
        json.dump(clean(metrics), f, indent=1)
        f.write("\n")
    if "--metrics-only" not in sys.argv and os.path.exists(
            os.path.join(HERE, "make_model_fixtures.py")):
        sys.path.insert(0, HERE)
        import make_model_fixtures
        make_model_fixtures.main(HERE, clean)


if __name__ == "__main__":
    main()
