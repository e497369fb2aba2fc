"""Reads a Melix checkpoint with h5py and recomputes its predictions with NumPy.

Usage: python3 check_checkpoint.py CHECKPOINT.h5 INPUTS.csv
INPUTS.csv holds one row of features per line (no header). Prints a JSON object:
{"kind": ..., "outputs": [[...], ...]} where outputs are class probabilities for a
classifier and predicted values for a regressor. Layout: docs/checkpoints.md.
Only h5py and NumPy are used; nothing in the file is executed.
"""
import json
import math
import sys

import h5py
import numpy as np


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def network(group, x):
    erf = np.vectorize(math.erf)
    last = None
    for i in range(int(group.attrs["layer_count"])):
        layer = group["layer_%03d" % i]
        kind = text(layer.attrs["kind"])
        last = kind
        if kind == "dense":
            x = x @ layer["weight"][()] + layer["bias"][()]
        elif kind == "relu":
            x = np.maximum(x, 0)
        elif kind == "tanh":
            x = np.tanh(x)
        elif kind == "sigmoid":
            x = sigmoid(x)
        elif kind == "gelu":
            x = 0.5 * x * (1 + erf(x / math.sqrt(2)))
        elif kind == "softmax":
            x = softmax(x)
        elif kind == "dropout":
            pass
        elif kind == "batch_norm":
            eps = float(layer.attrs["epsilon"])
            scale = layer["gamma"][()] / np.sqrt(layer["running_var"][()] + eps)
            x = (x - layer["running_mean"][()]) * scale + layer["beta"][()]
        else:
            raise SystemExit("unknown layer kind %s" % kind)
    if text(group.attrs["task"]) == "regression":
        return x
    if x.shape[1] == 1:
        p = x[:, 0] if last == "sigmoid" else sigmoid(x[:, 0])
        return np.stack([1 - p, p], axis=1)
    return x if last == "softmax" else softmax(x)


def classical(group, x):
    kind = text(group.attrs["kind"])
    if kind == "linear_regression":
        return (x @ group["coefficients"][()] + group["intercept"][0])[:, None]
    if kind == "logistic_regression":
        z = x @ group["coefficients"][()].T + group["intercepts"][()]
        if z.shape[1] == 1:
            p = sigmoid(z[:, 0])
            return np.stack([1 - p, p], axis=1)
        return softmax(z)
    if kind in ("knn_classifier", "knn_regressor"):
        k = int(group.attrs["k"])
        train_x = group["train_x"][()]
        train_y = group["train_y"][()]
        d = ((x[:, None, :] - train_x[None, :, :]) ** 2).sum(axis=2)
        nearest = np.argsort(d, axis=1, kind="stable")[:, :k]
        if kind == "knn_regressor":
            return train_y[nearest].mean(axis=1)[:, None]
        classes = np.unique(train_y)
        return np.stack([(train_y[nearest] == c).mean(axis=1) for c in classes], axis=1)
    raise SystemExit("unknown model kind %s" % kind)


def main():
    path, inputs = sys.argv[1], sys.argv[2]
    x = np.loadtxt(inputs, delimiter=",", ndmin=2)
    with h5py.File(path, "r") as f:
        if text(f.attrs.get("format", "")) != "melix-checkpoint":
            raise SystemExit("not a Melix checkpoint")
        if int(f.attrs["format_version"]) > 1:
            raise SystemExit("newer checkpoint format")
        if "network" in f:
            kind, out = text(f["network"].attrs["kind"]), network(f["network"], x)
        else:
            kind, out = text(f["classical"].attrs["kind"]), classical(f["classical"], x)
    print(json.dumps({"kind": kind, "outputs": np.asarray(out).tolist()}))


if __name__ == "__main__":
    main()
