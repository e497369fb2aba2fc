"""Reference values for the language's shap() and permutation_importance() (issue 7).

Run from this folder: `python3 make_fixtures.py` (needs numpy, pandas, h5py, scikit-learn,
shap). It
  1. fits small models with scikit-learn on the example data already in the repository
     (`examples/data/*.csv`, copies of the team's shared datasets; see examples/data/README.md),
  2. writes each fitted model as a Melix checkpoint with h5py, in the documented layout
     (docs/checkpoints.md): `load_model` rebuilds exactly the numbers stored here,
  3. computes reference values with the `shap` package (LinearExplainer, KernelExplainer)
     and scikit-learn (`permutation_importance`, scores) on exactly those parameters,
  4. writes the reference values (CSV, shortest round-trip decimals) and the golden Melix
     programs `Tests/Golden/explain/shap_reference_*.mlx` whose `# expect:` lines assert them.
The golden programs read only the checkpoints and CSVs written here and `examples/data/*.csv`.

Models fitted on standardised features are stored with the scaling folded into the weights
(`w / sigma`, `b - w . mu / sigma`), so they take the raw example rows; the references are
computed with the folded (stored) parameters, which are the model under test.
"""
import json
import math
import os

import h5py
import numpy as np
import pandas as pd
import shap
import sklearn
import sklearn.metrics
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
GOLDEN = os.path.join(REPO, "Tests", "Golden", "explain")
# Paths as the golden programs (in Tests/Golden/explain/) write them.
FIXTURES_FROM_GOLDEN = "../../LanguageTests/Fixtures/shap/"
DATA_FROM_GOLDEN = "../../../examples/data/"

LINEAR_TOLERANCE = 1e-8  # linear/logistic SHAP is closed form: only rounding differs
KERNEL_EXACT_TOLERANCE = 1e-6  # every coalition enumerated: a least-squares solve apart



def load(name, target):
    df = pd.read_csv(os.path.join(REPO, "examples", "data", f"{name}.csv"))
    y = df.pop(target)
    return df.to_numpy(dtype=float), y, list(df.columns)


def standardised_fold(coef, intercept, mu, sigma):
    """Weights of a model fitted on (x - mu) / sigma, rewritten to take x."""
    coef = np.atleast_2d(coef)
    return coef / sigma, np.asarray(intercept) - (coef / sigma) @ mu


# --- checkpoints (docs/checkpoints.md, format version 1) -----------------------------------
def checkpoint(path, feature_names, class_names=()):
    f = h5py.File(os.path.join(HERE, path), "w", libver=("earliest", "v110"))
    f.attrs["format"] = "melix-checkpoint"
    f.attrs["format_version"] = np.int64(1)
    f.attrs["feature_names"] = list(feature_names)
    if class_names:
        f.attrs["class_names"] = list(class_names)
    meta = f.create_group("metadata")
    meta.attrs["source"] = "Tests/LanguageTests/Fixtures/shap/make_fixtures.py"
    meta.attrs["fitted_by"] = f"scikit-learn {sklearn.__version__}"
    return f


def write_linear(path, names, coef, intercept):
    with checkpoint(path, names) as f:
        g = f.create_group("classical")
        g.attrs["kind"] = "linear_regression"
        g.attrs["alpha"] = 0.0
        g["coefficients"] = np.asarray(coef, dtype=float)
        g["intercept"] = np.asarray([intercept], dtype=float)


def write_logistic(path, names, class_names, coef, intercept, iterations):
    with checkpoint(path, names, class_names) as f:
        g = f.create_group("classical")
        g.attrs["kind"] = "logistic_regression"
        g.attrs["C"] = 1.0
        g.attrs["max_iter"] = np.int64(5000)
        g.attrs["iterations"] = np.int64(iterations)
        g.attrs["converged"] = np.int64(1)
        g.attrs["classes"] = np.arange(len(class_names), dtype=np.int64)
        g["coefficients"] = np.asarray(coef, dtype=float)
        g["intercepts"] = np.asarray(intercept, dtype=float)


def write_network(path, names, class_names, layers):
    """layers: ("dense", W [in, out], b [out]) or (activation name,)."""
    with checkpoint(path, names, class_names) as f:
        g = f.create_group("network")
        g.attrs["kind"] = "sequential"
        g.attrs["task"] = "classification" if class_names else "regression"
        g.attrs["feature_count"] = np.int64(len(names))
        g.attrs["appends_output_layer"] = np.int64(0)
        g.attrs["architecture"] = [
            f"dense {layer[1].shape[1]}" if layer[0] == "dense" else layer[0] for layer in layers
        ]
        g.attrs["layer_count"] = np.int64(len(layers))
        if class_names:
            g.attrs["classes"] = np.arange(len(class_names), dtype=np.int64)
        for i, layer in enumerate(layers):
            lg = g.create_group("layer_%03d" % i)
            lg.attrs["kind"] = layer[0]
            if layer[0] == "dense":
                lg.attrs["inputs"] = np.int64(layer[1].shape[0])
                lg.attrs["units"] = np.int64(layer[1].shape[1])
                lg["weight"] = np.asarray(layer[1], dtype=float)
                lg["bias"] = np.asarray(layer[2], dtype=float)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def network_output(layers, x, classifier):
    """The network's output as Melix computes it (docs/checkpoints.md, 'Predictions')."""
    for layer in layers:
        if layer[0] == "dense":
            x = x @ layer[1] + layer[2]
        elif layer[0] == "relu":
            x = np.maximum(x, 0)
        else:
            raise ValueError(layer[0])
    if not classifier:
        return x[:, 0]
    if x.shape[1] == 1:
        p = 1 / (1 + np.exp(-x[:, 0]))
        return np.stack([1 - p, p], axis=1)
    return softmax(x)


# --- reference files and golden programs ---------------------------------------------------
def write_matrix(path, names, matrix):
    """CSV with a header; repr() is the shortest decimal that reads back to the same float64."""
    with open(os.path.join(HERE, path), "w") as f:
        f.write(",".join(names) + "\n")
        for row in np.asarray(matrix, dtype=float):
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def melix_list(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def melix_strings(values):
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


CHECK_HELPER = """\
# 'check' prints "NAME ok" when every |got - want| <= tolerance, else the largest difference.
fn check(name, got, want, tolerance) {
  let err = max(abs(got - want))
  if err <= tolerance { print(name + " ok") } else { print(name + " off by " + str(err)) }
}"""


def golden(name, header, lines):
    assert not any(line.startswith("# expect") for line in header.splitlines()), header
    text = (
        "# Generated by Tests/LanguageTests/Fixtures/shap/make_fixtures.py (shap "
        f"{shap.__version__}, scikit-learn {sklearn.__version__}, NumPy {np.__version__});\n"
        "# rerun it instead of editing this file.\n" + header.strip() + "\n" + CHECK_HELPER + "\n"
        f'let fixtures = "{FIXTURES_FROM_GOLDEN}"\n' + "\n".join(lines) + "\n"
    )
    with open(os.path.join(GOLDEN, name), "w") as f:
        f.write(text)


summary = {"versions": {"shap": shap.__version__, "sklearn": sklearn.__version__,
                        "numpy": np.__version__, "h5py": h5py.__version__}}


def whole(background):
    """The background as shap's masker, every row kept: LinearExplainer(model, data) silently
    keeps a sample of 100 rows of a larger background (maskers.Independent's max_samples=100),
    while Melix always uses the whole background it is given."""
    return shap.maskers.Independent(background, max_samples=len(background))


def shap_values_by_output(values, outputs):
    """shap 0.51 returns [rows, features, outputs] for several outputs; as [outputs][rows, features]."""
    v = np.asarray(values)
    if v.ndim == 2:
        return [v]
    assert v.shape[2] == outputs, v.shape
    return [v[:, :, k] for k in range(outputs)]


def explanation_checks(case, ex_expr, values, bases, names, output_names, space, rows, tol):
    """Golden lines checking an Explanation against per-output reference matrices."""
    k = len(values)
    output_names = output_names or ["output"]  # Melix's name for a single unnamed output
    lines = [
        f"print({ex_expr})  # expect: Explanation of {rows} rows, {len(names)} features, "
        f"{k} output{'s' if k > 1 else ''} ({space})",
        f"print({ex_expr}.feature_names)  # expect: {melix_strings(names)}",
        f"print({ex_expr}.output_names)  # expect: {melix_strings(output_names)}",
    ]
    for o, v in enumerate(values):
        suffix = f"_{o}" if k > 1 else ""
        path = f"{case}_values{suffix}.csv"
        write_matrix(path, names, v)
        got = f"{ex_expr}.values[{o}]" if k > 1 else f"{ex_expr}.values"
        label = f"values[{o}]" if k > 1 else "values"
        lines.append(
            f'check("{label}", {got}, read_csv(fixtures + "{path}").X, {tol})  # expect: {label} ok')
    if k > 1:
        lines.append(
            f'check("base_value", tensor({ex_expr}.base_value), tensor({melix_list(bases)}), {tol})'
            "  # expect: base_value ok")
    else:
        lines.append(
            f'check("base_value", tensor([{ex_expr}.base_value]), tensor({melix_list(bases)}), {tol})'
            "  # expect: base_value ok")
    return lines


def summary_checks(ex_expr, values, names, top):
    """Golden lines checking summary(): features ranked by mean |SHAP| summed over outputs, as
    shap's bar plot ranks them; the table prints 6 significant digits."""
    score = sum(np.abs(v).mean(axis=0) for v in values)
    order = np.argsort(-score, kind="stable")[:top]
    return [
        f"let table = split(str(summary({ex_expr}, limit: {top})), \"\\n\")",
        "var ranked = []",
        "var scores = []",
        f"for line in table[2:{top + 2}] {{",
        '  let cells = filter(fn(s) => s != "", split(strip(line), " "))',
        "  ranked = ranked + [cells[1]]",
        "  scores = scores + [float(cells[2])]",
        "}",
        f"print(ranked)  # expect: {melix_strings([names[j] for j in order])}",
        f"check(\"summary\", tensor(scores), tensor({melix_list(score[order])}), "
        f"{float('%.1g' % (score[order].max() * 1e-5))})  # expect: summary ok",
    ]


# === 1. Linear SHAP: linear regression on diabetes (raw output) ============================
X, y, names = load("diabetes", "target")
y = y.to_numpy(dtype=float)
lin = LinearRegression().fit(X, y)
write_linear("linear_diabetes.h5", names, lin.coef_, lin.intercept_)
rows = X[100:120]
ex = shap.LinearExplainer(lin, whole(X))  # background = the whole data set, interventional
values = shap_values_by_output(ex.shap_values(rows), 1)
bases = [float(np.ravel(ex.expected_value)[0])]
assert np.allclose(bases[0] + values[0].sum(1), lin.predict(rows), atol=1e-9)
golden(
    "shap_reference_linear_regression_diabetes.mlx",
    """
# Linear SHAP of a LinearRegression fitted by scikit-learn on diabetes (442 rows, raw
# values), loaded from a checkpoint written with h5py, against shap.LinearExplainer
# (interventional, background = the whole data set): raw output, to 1e-8. Melix uses every
# background row; shap's LinearExplainer(model, data) would keep a sample of 100 of them, so
# the reference passes maskers.Independent(data, max_samples=442). Rows passed as a Dataset
# slice, so the feature names come from the data set.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}diabetes.csv", target: "target")',
     'let model = load_model(fixtures + "linear_diabetes.h5")',
     "let ex = shap(model, data[100:120], background: data)",
     "print(ex.output_space)  # expect: raw"]
    + explanation_checks("linear_diabetes", "ex", values, bases, names, [], "raw", 20,
                         LINEAR_TOLERANCE)
    + ["print(ex.values.shape, ex.data.shape)  # expect: (20, 10) (20, 10)",
       'check("data", ex.data, data.X[100:120], 0)  # expect: data ok',
       "# additivity: base value + a row's sum is the prediction",
       'check("additivity", ex.base_value + ex.values.sum(axis: 1), predict(model, data.X[100:120]), 1e-8)'
       "  # expect: additivity ok"],
)
summary["linear_diabetes"] = {"base_values": bases, "rows": "100:120", "background": "all 442"}

# === 2. Linear SHAP: binary logistic regression on breast cancer (log-odds) ================
Xb, diagnosis, names_b = load("breast_cancer", "diagnosis")
classes_b = ["malignant", "benign"]  # scikit-learn's order (0 = malignant)
yb = diagnosis.map({c: i for i, c in enumerate(classes_b)}).to_numpy()
mu, sigma = Xb.mean(0), Xb.std(0)
fit_b = LogisticRegression(max_iter=5000).fit((Xb - mu) / sigma, yb)
coef_b, icpt_b = standardised_fold(fit_b.coef_, fit_b.intercept_, mu, sigma)
log_b = LogisticRegression()
log_b.coef_, log_b.intercept_, log_b.classes_ = coef_b, icpt_b, np.array([0, 1])
write_logistic("logistic_breast_cancer.h5", names_b, classes_b, coef_b, icpt_b, fit_b.n_iter_[0])
background, rows = Xb[:100], Xb[300:320]
ex = shap.LinearExplainer(log_b, whole(background))
values = shap_values_by_output(ex.shap_values(rows), 1)
bases = [float(np.ravel(ex.expected_value)[0])]
logit = rows @ coef_b[0] + icpt_b[0]
assert np.allclose(bases[0] + values[0].sum(1), logit, atol=1e-9)
golden(
    "shap_reference_logistic_binary_breast_cancer.mlx",
    """
# Linear SHAP of a binary LogisticRegression (scikit-learn, on standardised breast-cancer
# features; the scaling is folded into the stored weights) against shap.LinearExplainer:
# one output, the log-odds of the second class 'benign', to 1e-8. Rows passed as a tensor, so
# the feature names come from the checkpoint.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}breast_cancer.csv", target: "diagnosis")',
     'let model = load_model(fixtures + "logistic_breast_cancer.h5")',
     "let ex = shap(model, data.X[300:320], background: data.X[0:100])",
     "print(ex.output_space)  # expect: log-odds"]
    + explanation_checks("logistic_breast_cancer", "ex", values, bases, names_b, ["benign"],
                         "log-odds", 20, LINEAR_TOLERANCE)
    + ["# additivity in log-odds: log(p1 / p0) of the model's probabilities",
       "let p = predict_proba(model, data.X[300:320])",
       'check("additivity", ex.base_value + ex.values.sum(axis: 1), log(p[:, 1] / p[:, 0]), 1e-8)'
       "  # expect: additivity ok"],
)
summary["logistic_breast_cancer"] = {"base_values": bases, "rows": "300:320", "background": "0:100"}

# === 3. Linear SHAP: multinomial logistic regression on wine (per-class logits) ============
Xw, yw_raw, names_w = load("wine", "target")
yw = yw_raw.to_numpy(dtype=int)
classes_w = ["0", "1", "2"]  # Melix reads the integer target as classes "0", "1", "2"
mu_w, sigma_w = Xw.mean(0), Xw.std(0)
fit_w = LogisticRegression(max_iter=5000).fit((Xw - mu_w) / sigma_w, yw)
coef_w, icpt_w = standardised_fold(fit_w.coef_, fit_w.intercept_, mu_w, sigma_w)
log_w = LogisticRegression()
log_w.coef_, log_w.intercept_, log_w.classes_ = coef_w, icpt_w, np.array([0, 1, 2])
write_logistic("logistic_wine.h5", names_w, classes_w, coef_w, icpt_w, fit_w.n_iter_[0])
rows = Xw[[0, 30, 60, 90, 120, 150, 177]]
ex = shap.LinearExplainer(log_w, whole(Xw))
values = shap_values_by_output(ex.shap_values(rows), 3)
bases = [float(b) for b in np.ravel(ex.expected_value)]
for k in range(3):
    assert np.allclose(bases[k] + values[k].sum(1), rows @ coef_w[k] + icpt_w[k], atol=1e-9)
golden(
    "shap_reference_logistic_multiclass_wine.mlx",
    """
# Linear SHAP of a multinomial LogisticRegression (scikit-learn, 3 classes, standardised wine
# features folded into the stored weights) against shap.LinearExplainer with the whole data
# set (178 rows, all kept: maskers.Independent(data, max_samples=178)) as background, to 1e-8. As shap's, the values are per class in the space of that
# class's linear score x.w_k + b_k (output_space "score (x·w + b)", not log-odds; softmax makes the probabilities):
# 'values' is a list of one [nRows, nFeatures] tensor per class, 'base_value' a list.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}wine.csv", target: "target")',
     'let model = load_model(fixtures + "logistic_wine.h5")',
     "let picked = stack([data.X[0], data.X[30], data.X[60], data.X[90], data.X[120], data.X[150], data.X[177]])",
     "let ex = shap(model, picked, background: data)",
     "print(ex.output_space, len(ex.values), ex.values[2].shape)  # expect: score (x·w + b) 3 (7, 13)"]
    + explanation_checks("logistic_wine", "ex", values, bases, names_w, classes_w,
                         "score (x·w + b)", 7, LINEAR_TOLERANCE)
    + summary_checks("ex", values, names_w, 5)
    + ["# the three scores minus their mean equal log-probabilities minus their mean",
       "let p = log(predict_proba(model, picked))",
       "let sums = stack([ex.base_value[0] + ex.values[0].sum(axis: 1), ex.base_value[1] + ex.values[1].sum(axis: 1), ex.base_value[2] + ex.values[2].sum(axis: 1)], axis: 1)",
       'check("softmax", sums - mean(sums, axis: 1, keepdims: true), p - mean(p, axis: 1, keepdims: true), 1e-8)'
       "  # expect: softmax ok"],
)
summary["logistic_wine"] = {"base_values": bases, "rows": [0, 30, 60, 90, 120, 150, 177]}

# === 4. Kernel SHAP, exact: binary classifier network on 10 breast-cancer features ========
# A one-unit sigmoid network (a logistic regression as a network), so Melix takes the Kernel
# SHAP path on class probabilities. 10 features: 2^10 - 2 = 1022 coalitions, fewer than
# shap's default budget (2*10 + 2048) and Melix's (2048): both enumerate every coalition.
X10 = Xb[:, :10]
mu10, sigma10 = X10.mean(0), X10.std(0)
fit10 = LogisticRegression(max_iter=5000).fit((X10 - mu10) / sigma10, yb)
coef10, icpt10 = standardised_fold(fit10.coef_, fit10.intercept_, mu10, sigma10)
layers10 = [("dense", coef10.T.copy(), icpt10.copy())]
write_network("network_breast_cancer10.h5", names_b[:10], classes_b, layers10)
f10 = lambda x: network_output(layers10, np.asarray(x, dtype=float), True)  # noqa: E731
assert np.allclose(f10(X10), fit10.predict_proba((X10 - mu10) / sigma10), atol=1e-12)
background, rows = X10[200:230], X10[[0, 7, 19, 250, 290]]
kex = shap.KernelExplainer(f10, background)
values = shap_values_by_output(kex.shap_values(rows, silent=True), 2)
bases = [float(b) for b in np.ravel(kex.expected_value)]
golden(
    "shap_reference_kernel_binary_breast_cancer.mlx",
    """
# Kernel SHAP of a classifier network (one dense unit + sigmoid, weights from a scikit-learn
# LogisticRegression on the first 10 breast-cancer features) against shap.KernelExplainer
# on predict_proba with the same 30 background rows: both enumerate all 1022 coalitions, so
# the values are exact Shapley values and agree to 1e-6. Two outputs: the probability of
# each class.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}breast_cancer.csv", target: "diagnosis")',
     'let model = load_model(fixtures + "network_breast_cancer10.h5")',
     "let X = data.X[:, 0:10]",
     "let picked = stack([X[0], X[7], X[19], X[250], X[290]])",
     "let ex = shap(model, picked, background: X[200:230], seed: 1)",
     "print(ex.output_space)  # expect: probability"]
    + explanation_checks("kernel_breast_cancer10", "ex", values, bases, names_b[:10], classes_b,
                         "probability", 5, KERNEL_EXACT_TOLERANCE)
    + ['check("additivity", ex.base_value[1] + ex.values[1].sum(axis: 1), predict_proba(model, picked)[:, 1], 1e-9)'
       "  # expect: additivity ok"],
)
summary["kernel_breast_cancer10"] = {"base_values": bases}

# === 5. Kernel SHAP, exact: multi-class MLP on iris ========================================
Xi, species, names_i = load("iris", "species")
classes_i = sorted(species.unique())
yi = species.map({s: k for k, s in enumerate(classes_i)}).to_numpy()
mu_i, sigma_i = Xi.mean(0), Xi.std(0)
mlp = MLPClassifier(hidden_layer_sizes=(8,), max_iter=3000, random_state=0).fit(
    (Xi - mu_i) / sigma_i, yi)
w1 = mlp.coefs_[0] / sigma_i[:, None]
b1 = mlp.intercepts_[0] - mu_i / sigma_i @ mlp.coefs_[0]
layers_i = [("dense", w1, b1), ("relu",), ("dense", mlp.coefs_[1], mlp.intercepts_[1])]
write_network("mlp_iris.h5", names_i, classes_i, layers_i)
fi = lambda x: network_output(layers_i, np.asarray(x, dtype=float), True)  # noqa: E731
assert np.allclose(fi(Xi), mlp.predict_proba((Xi - mu_i) / sigma_i), atol=1e-12)
background, rows = Xi[1::10], Xi[[0, 50, 100, 149, 70, 83]]
kex = shap.KernelExplainer(fi, background)
values = shap_values_by_output(kex.shap_values(rows, silent=True), 3)
bases = [float(b) for b in np.ravel(kex.expected_value)]
golden(
    "shap_reference_kernel_multiclass_iris_mlp.mlx",
    """
# Kernel SHAP of a multi-class MLP (4 -> 8 relu -> 3 softmax; weights from scikit-learn's
# MLPClassifier on standardised iris, scaling folded into the first layer) against
# shap.KernelExplainer on its class probabilities with the same 15 background rows: 14
# coalitions, all enumerated by both, to 1e-6. 'values' holds one [nRows, nFeatures] tensor
# per class.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}iris.csv", target: "species")',
     'let model = load_model(fixtures + "mlp_iris.h5")',
     "let picked = stack([data.X[0], data.X[50], data.X[100], data.X[149], data.X[70], data.X[83]])",
     "let ex = shap(model, picked, background: data.X[1:150:10])",
     "print(ex.output_space, len(ex.values), ex.values[0].shape)  # expect: probability 3 (6, 4)"]
    + explanation_checks("kernel_iris_mlp", "ex", values, bases, names_i, classes_i,
                         "probability", 6, KERNEL_EXACT_TOLERANCE)
    + summary_checks("ex", values, names_i, 4)
    + ["let p = predict_proba(model, picked)",
       'check("additivity", ex.base_value[2] + ex.values[2].sum(axis: 1), p[:, 2], 1e-9)'
       "  # expect: additivity ok"],
)
summary["kernel_iris_mlp"] = {"base_values": bases}

# === 6. Kernel SHAP beyond 12 features: multi-class MLP on wine (13 features) =============
# 2^13 - 2 = 8190 coalitions. With samples: 8190 Melix enumerates them all, and so does
# shap with nsamples=8190: exact Shapley values on both sides, compared to 1e-6. shap runs
# with l1_reg=False (Melix does no L1 feature selection). With a budget of 2000 both sample
# most coalitions with their own RNGs (shap: NumPy's global RNG; Melix: PCG64), so sampled
# values cannot match shap's draw for draw; even shap against itself differs by several 1e-3
# at this budget. The sampled Melix values are therefore checked against the exact values,
# within twice the worst error of shap's own 2000-sample estimate over 8 seeds.
mlp_w = MLPClassifier(hidden_layer_sizes=(16,), max_iter=3000, random_state=0).fit(
    (Xw - mu_w) / sigma_w, yw)
w1 = mlp_w.coefs_[0] / sigma_w[:, None]
b1 = mlp_w.intercepts_[0] - mu_w / sigma_w @ mlp_w.coefs_[0]
layers_w = [("dense", w1, b1), ("relu",), ("dense", mlp_w.coefs_[1], mlp_w.intercepts_[1])]
write_network("mlp_wine.h5", names_w, classes_w, layers_w)
fw = lambda x: network_output(layers_w, np.asarray(x, dtype=float), True)  # noqa: E731
assert np.allclose(fw(Xw), mlp_w.predict_proba((Xw - mu_w) / sigma_w), atol=1e-12)
background, rows = Xw[5::18], Xw[[2, 75, 140]]
kex = shap.KernelExplainer(fw, background)
values = shap_values_by_output(kex.shap_values(rows, nsamples=8190, l1_reg=False, silent=True), 3)
bases = [float(b) for b in np.ravel(kex.expected_value)]
errors = []
for seed in range(8):
    np.random.seed(seed)
    sampled = shap_values_by_output(
        kex.shap_values(rows, nsamples=2000, l1_reg=False, silent=True), 3)
    errors.append(max(float(np.abs(s - v).max()) for s, v in zip(sampled, values)))
sampled_tolerance = math.ceil(2000 * max(errors)) / 1000  # twice the worst, rounded up
exact_lines = explanation_checks("kernel_wine_mlp", "ex", values, bases, names_w, classes_w,
                                 "probability", 3, KERNEL_EXACT_TOLERANCE)
golden(
    "shap_reference_kernel_13_features_wine_mlp.mlx",
    f"""
# Kernel SHAP with 13 features: a multi-class MLP (13 -> 16 relu -> 3, scikit-learn's
# MLPClassifier weights, standardisation folded in) on wine, 10 background rows, against
# shap.KernelExplainer(nsamples=8190, l1_reg=False). With samples: 8190 both enumerate
# all 2^13 - 2 coalitions: exact, to 1e-6. With the budget of 2000 both sample with their own
# RNGs; shap's 2000-sample values miss the exact ones by {min(errors):.1e} to {max(errors):.1e}
# over 8 seeds, so Melix's are checked against the exact values within {sampled_tolerance}
# (twice shap's worst, see make_fixtures.py).""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}wine.csv", target: "target")',
     'let model = load_model(fixtures + "mlp_wine.h5")',
     "let picked = stack([data.X[2], data.X[75], data.X[140]])",
     "let background = data.X[5:178:18]",
     "let ex = shap(model, picked, background: background, samples: 8190)"]
    + exact_lines
    + ["let sampled = shap(model, picked, background: background, samples: 2000, seed: 7)",
       "for k in range(3) {",
       f'  check("sampled values[" + str(k) + "]", sampled.values[k], ex.values[k], {sampled_tolerance})',
       "}",
       "# expect: sampled values[0] ok",
       "# expect: sampled values[1] ok",
       "# expect: sampled values[2] ok",
       f'check("sampled base_value", tensor(sampled.base_value), tensor({melix_list(bases)}), 1e-12)'
       "  # expect: sampled base_value ok",
       "let p = predict_proba(model, picked)",
       'check("additivity", sampled.base_value[0] + sampled.values[0].sum(axis: 1), p[:, 0], 1e-9)'
       "  # expect: additivity ok"],
)
summary["kernel_wine_mlp"] = {"base_values": bases, "shap_2000_sample_errors": errors,
                              "sampled_tolerance": sampled_tolerance}


# === 7. Permutation importance =============================================================
# Melix shuffles with its own RNG (PCG64) and scikit-learn with NumPy's, so single shuffles
# differ. What both estimate is deterministic: a uniform random permutation sends each row i
# a value from a uniformly chosen row k, and every score here is a mean of per-row terms
# (r2 = 1 - SSE / SST is affine in the per-row squared errors), so
#   E[score with column j shuffled] = mean over i, k of score term(row i with x_ij := x_kj).
# The mean over R independent repeats is within 5 * s_j / sqrt(R) of that expectation except
# with probability below 1e-6 per feature (s_j = the per-repeat standard deviation, estimated
# from 400 scikit-learn repeats). Accuracy moves in steps of 1/n, and a feature whose shuffle
# flips a prediction only for rare row pairs can show s_j = 0 in 400 repeats while its
# expectation is not 0 (breast cancer's worst_compactness: -6e-6, about 0.004 flipped rows
# per repeat); such Poisson-like rare flips get 2 / (n * R) more: two flipped rows over all R
# repeats. The baseline score is deterministic and checked to 1e-12.
def exact_importance(predict, X, y, term):
    base = term(y, predict(X)).mean()
    out = []
    n = len(X)
    for j in range(X.shape[1]):
        big = np.repeat(X, n, axis=0)  # row i repeated n times
        big[:, j] = np.tile(X[:, j], n)  # ... with x_ij := x_kj for every k
        out.append(base - term(np.repeat(y, n), predict(big)).mean())
    return np.array(out)


def permutation_case(name, model, X, y, metric, term, to_score, repeats, golden_name, header,
                     load_lines, names):
    exact = exact_importance(model.predict, X, y, term)
    if to_score is not None:
        exact = to_score(exact)
    step = 1 / len(X) if metric == "accuracy" else 0.0
    many = permutation_importance(model, X, y, scoring=metric, n_repeats=400, random_state=0)
    s = many.importances_std
    worst = np.abs(exact - many.importances_mean) - (5 * s / np.sqrt(400) + 2 * step / 400)
    assert np.all(worst <= 1e-12), (name, worst.max())
    tolerance = 5 * s / np.sqrt(repeats) + 2 * step / repeats + 1e-12
    few = permutation_importance(model, X, y, scoring=metric, n_repeats=repeats, random_state=1)
    assert np.all(np.abs(few.importances_mean - exact) <= tolerance), name
    baseline = float(sklearn.metrics.get_scorer(metric)(model, X, y))
    golden(golden_name, header, load_lines + [
        f'let result = permutation_importance(model, data, metric: "{metric}", repeats: {repeats}, seed: 5)',
        f'print(result["feature_names"])  # expect: {melix_strings(names)}',
        f'check("baseline_score", tensor([result["baseline_score"]]), tensor([{baseline!r}]), 1e-12)'
        "  # expect: baseline_score ok",
        f"let expected = tensor({melix_list(exact)})",
        f"let tolerance = tensor({melix_list(tolerance)})",
        'let excess = abs(tensor(result["importances_mean"]) - expected) - tolerance',
        'print("importances_mean within tolerance:", max(excess) <= 0)'
        "  # expect: importances_mean within tolerance: true",
    ])
    summary[name] = {"exact_mean": exact.tolist(), "tolerance": tolerance.tolist(),
                     "baseline": baseline, "sklearn_std_400": s.tolist()}


permutation_case(
    "permutation_diabetes", lin, X, y, "r2",
    lambda t, p: (t - p) ** 2, lambda sse_drop: -sse_drop / ((y - y.mean()) ** 2).mean(), 40,
    "permutation_importance_reference_diabetes.mlx",
    """
# permutation_importance of the diabetes LinearRegression (r2, 40 repeats) against the
# exact expected value of scikit-learn's permutation_importance: Melix and scikit-learn draw
# different shuffles, so each feature's mean drop is checked against E[drop] (mean over all
# row pairs) within 5 standard errors (per-repeat spread from 400 scikit-learn repeats; see
# make_fixtures.py). The baseline score is scikit-learn's r2 to 1e-12.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}diabetes.csv", target: "target")',
     'let model = load_model(fixtures + "linear_diabetes.h5")'], names)

permutation_case(
    "permutation_wine", log_w, Xw, yw, "accuracy",
    lambda t, p: (t == p).astype(float), None, 40,
    "permutation_importance_reference_wine.mlx",
    """
# permutation_importance of the wine LogisticRegression (accuracy, 40 repeats) against the
# exact expectation of scikit-learn's permutation_importance (mean over all row pairs), within
# 5 standard errors (per-repeat spread from 400 scikit-learn repeats); baseline accuracy is
# scikit-learn's to 1e-12.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}wine.csv", target: "target")',
     'let model = load_model(fixtures + "logistic_wine.h5")'], names_w)

permutation_case(
    "permutation_breast_cancer", log_b, Xb, yb, "accuracy",
    lambda t, p: (t == p).astype(float), None, 20,
    "permutation_importance_reference_breast_cancer_class_order.mlx",
    """
# permutation_importance of the breast-cancer LogisticRegression (accuracy, 20 repeats)
# against the exact expectation of scikit-learn's permutation_importance, within 5 standard
# errors. The checkpoint keeps scikit-learn's class order (malignant, benign) while reading
# the CSV sorts the classes (benign, malignant): Melix matches the classes by name, so the
# baseline is scikit-learn's accuracy, not one minus it.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}breast_cancer.csv", target: "diagnosis")',
     'let model = load_model(fixtures + "logistic_breast_cancer.h5")',
     'print(data.classes, model.classes)  # expect: ["benign", "malignant"] ["malignant", "benign"]'],
    names_b)

# === 8. evaluate with a checkpoint in scikit-learn's class order =========================
# The breast-cancer checkpoint keeps scikit-learn's classes (malignant, benign); reading the
# CSV sorts them (benign, malignant). evaluate matches them by name, so its scores are
# scikit-learn's on the same model, not those of the inverted labels.
pb = softmax(np.c_[np.zeros(len(Xb)), Xb @ coef_b[0] + icpt_b[0]])  # [1 - sigma(z), sigma(z)]
assert np.allclose(pb, log_b.predict_proba(Xb), atol=1e-15)
predicted_b = log_b.predict(Xb)
scores_b = {
    "accuracy": sklearn.metrics.accuracy_score(yb, predicted_b),
    "balanced_accuracy": sklearn.metrics.balanced_accuracy_score(yb, predicted_b),
    "f1": sklearn.metrics.f1_score(yb, predicted_b, average="macro"),
    "precision": sklearn.metrics.precision_score(yb, predicted_b, average="macro"),
    "recall": sklearn.metrics.recall_score(yb, predicted_b, average="macro"),
    "roc_auc": sklearn.metrics.roc_auc_score(yb, log_b.predict_proba(Xb)[:, 1]),
    "log_loss": sklearn.metrics.log_loss(yb, log_b.predict_proba(Xb)),
}
confusion_b = sklearn.metrics.confusion_matrix(yb, predicted_b)
golden(
    "evaluate_reference_breast_cancer_class_order.mlx",
    """
# evaluate of the breast-cancer LogisticRegression checkpoint against scikit-learn's metrics
# on the same model and all 569 rows. The checkpoint keeps scikit-learn's class order
# (malignant, benign) while reading the CSV sorts the classes (benign, malignant): evaluate
# matches the classes by name, so accuracy is scikit-learn's 0.988, not the 0.012 of
# comparing codes. Scores to 1e-12; the confusion matrix in the model's class order.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}breast_cancer.csv", target: "diagnosis")',
     'let model = load_model(fixtures + "logistic_breast_cancer.h5")',
     'print(data.classes, model.classes)  # expect: ["benign", "malignant"] ["malignant", "benign"]',
     "let report = evaluate(model, data)",
     'print(report.classes, report.n_samples)  # expect: ["malignant", "benign"] 569']
    + [f'check("{k}", tensor([report.{k}]), tensor([{v!r}]), 1e-12)  # expect: {k} ok'
       for k, v in scores_b.items()]
    + [f'check("confusion", report.confusion, tensor({confusion_b.tolist()}), 0)'
       "  # expect: confusion ok"],
)
summary["evaluate_breast_cancer"] = {k: float(v) for k, v in scores_b.items()}
summary["evaluate_breast_cancer"]["confusion"] = confusion_b.tolist()

# === 9. Kernel SHAP on a weighted k-means background: multi-class MLP on iris =============
# shap.kmeans(X, k, round_values=False) is scikit-learn's KMeans(n_clusters=k, n_init=10)
# centroids weighted by cluster sizes. On iris with k = 3 the best of several k-means++
# starts is the well-known partition of 50 / 62 / 38 rows, which Melix's kmeans_background
# finds too: the golden checks its centroids (lexicographic order) and weights against
# scikit-learn's, then Kernel SHAP with them against shap.KernelExplainer given shap.kmeans's
# DenseData (14 coalitions, all enumerated: exact, to 1e-6). The weights (0.33, 0.41, 0.25)
# are unequal, so a background that dropped them would fail.
summary_i = shap.kmeans(Xi, 3, round_values=False)
order_i = sorted(range(3), key=lambda c: tuple(summary_i.data[c]))
centroids_i = summary_i.data[order_i]
weights_i = np.asarray(summary_i.weights)[order_i] / np.sum(summary_i.weights)
rows_i = Xi[[0, 50, 100, 149, 70, 83]]
kex = shap.KernelExplainer(fi, summary_i)
values = shap_values_by_output(kex.shap_values(rows_i, silent=True), 3)
bases = [float(b) for b in np.ravel(kex.expected_value)]
assert np.allclose(bases, weights_i @ fi(centroids_i), atol=1e-12)
golden(
    "shap_reference_kernel_kmeans_background_iris_mlp.mlx",
    """
# Kernel SHAP with a weighted k-means background, the language's shap.kmeans: the iris MLP
# (as in shap_reference_kernel_multiclass_iris_mlp.mlx) explained against
# kmeans_background(data, 3). Its centroids and weights equal those of
# shap.kmeans(X, 3, round_values=False) (scikit-learn's KMeans, best of 10 starts) to 1e-12,
# and the SHAP values equal shap.KernelExplainer's given that weighted background to 1e-6
# (14 coalitions, all enumerated by both). The weights are unequal (50, 62, 38 rows), so
# base_value is the weighted mean of the model over the centroids.""",
    [f'let data = read_csv("{DATA_FROM_GOLDEN}iris.csv", target: "species")',
     'let model = load_model(fixtures + "mlp_iris.h5")',
     "let bg = kmeans_background(data, 3, seed: 0)",
     "print(bg)  # expect: Background of 3 weighted rows, 4 features",
     f"check(\"centroids\", bg.rows, tensor({centroids_i.tolist()!r}), 1e-12)  # expect: centroids ok",
     f"check(\"weights\", bg.weights, tensor({melix_list(weights_i)}), 1e-15)  # expect: weights ok",
     "let picked = stack([data.X[0], data.X[50], data.X[100], data.X[149], data.X[70], data.X[83]])",
     "let ex = shap(model, picked, background: bg)"]
    + explanation_checks("kernel_kmeans_iris_mlp", "ex", values, bases, names_i, classes_i,
                         "probability", 6, KERNEL_EXACT_TOLERANCE)
    + ['check("weighted base", tensor(ex.base_value), sum(bg.weights.reshape([3, 1]) * predict_proba(model, bg.rows), axis: 0), 1e-12)'
       "  # expect: weighted base ok",
       "let p = predict_proba(model, picked)",
       'check("additivity", ex.base_value[1] + ex.values[1].sum(axis: 1), p[:, 1], 1e-9)'
       "  # expect: additivity ok"],
)
summary["kernel_kmeans_iris_mlp"] = {"base_values": bases, "centroids": centroids_i.tolist(),
                                     "weights": weights_i.tolist()}

with open(os.path.join(HERE, "fixtures.json"), "w") as f:
    json.dump(summary, f, indent=1)
print("wrote checkpoints, reference CSVs, fixtures.json and the golden programs")
