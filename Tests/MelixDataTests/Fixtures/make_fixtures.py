#!/usr/bin/env python3
"""Reference values for MelixDataTests, computed with scikit-learn, pandas and hashlib.

Run from anywhere:  python3 Tests/MelixDataTests/Fixtures/make_fixtures.py
Writes reference.json beside this script. The Swift tests read that file only, so
`swift test` needs no Python. Input data: examples/data (copies of the shared datasets).
"""
import hashlib
import json
import math
import os
import struct

import h5py
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "examples", "data")


def clean(value):
    """JSON-safe: NaN -> None, numpy -> Python."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def penguins_numeric():
    with h5py.File(os.path.join(DATA, "penguins.h5"), "r") as f:
        return f["X"][...]


def scalers():
    X = penguins_numeric()
    train, test = X[:250], X[250:]
    std = StandardScaler().fit(train)
    mm = MinMaxScaler().fit(train)
    return {
        "train_rows": 250,
        "standard_mean": clean(std.mean_),
        "standard_scale": clean(std.scale_),
        "standard_test": clean(std.transform(test).ravel()),
        "minmax_min": clean(mm.data_min_),
        "minmax_max": clean(mm.data_max_),
        "minmax_test": clean(mm.transform(test).ravel()),
    }


def imputers():
    X = penguins_numeric()
    out = {}
    for strategy in ["mean", "median", "most_frequent"]:
        out[strategy] = clean(SimpleImputer(strategy=strategy).fit(X).statistics_)
    out["constant"] = clean(SimpleImputer(strategy="constant", fill_value=0.0).fit(X).statistics_)
    df = pd.read_csv(os.path.join(DATA, "penguins.csv"))
    sex = df[["sex"]].astype(object).to_numpy()
    out["sex_most_frequent"] = str(SimpleImputer(strategy="most_frequent").fit(sex).statistics_[0])
    return out


def one_hot():
    df = pd.read_csv(os.path.join(DATA, "titanic.csv"))
    cats = df[["pclass", "sex"]].astype(str)
    enc = OneHotEncoder(sparse_output=False).fit(cats[:1000])
    return {
        "train_rows": 1000,
        "categories": [list(map(str, c)) for c in enc.categories_],
        "feature_names": list(enc.get_feature_names_out(["pclass", "sex"])),
        "test": clean(enc.transform(cats[1000:]).ravel()),
    }


def describe():
    df = pd.read_csv(os.path.join(DATA, "penguins.csv"))
    d = df["bill_length_mm"].describe()
    return {k: clean(d[k]) for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]}


def label_encoder():
    df = pd.read_csv(os.path.join(DATA, "penguins.csv"))
    enc = LabelEncoder().fit(df["island"])
    return {"classes": list(enc.classes_), "first10": clean(enc.transform(df["island"][:10]))}


def splits():
    """Fold assignments of the deterministic splitters and stratified split counts."""
    from sklearn.model_selection import GroupKFold, StratifiedShuffleSplit, TimeSeriesSplit

    groups = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3]
    group_folds = [te.tolist() for _, te in GroupKFold(2).split(np.zeros(10), groups=groups)]
    series = [(tr.tolist(), te.tolist()) for tr, te in TimeSeriesSplit(3).split(np.zeros(10))]
    gapped = [(tr.tolist(), te.tolist()) for tr, te in TimeSeriesSplit(2, test_size=2, gap=1).split(np.zeros(10))]
    y = pd.read_csv(os.path.join(DATA, "penguins.csv"))["species"]
    train, test = next(StratifiedShuffleSplit(1, test_size=0.25, random_state=0).split(y, y))
    return {
        "group_kfold_groups": groups,
        "group_kfold_validation": group_folds,
        "time_series_3": series,
        "time_series_2_size2_gap1": gapped,
        "penguins_stratified_test_counts": [int(c) for c in y.iloc[test].value_counts().sort_index()],
        "penguins_stratified_train_counts": [int(c) for c in y.iloc[train].value_counts().sort_index()],
    }


def fingerprint(path):
    """The canonical encoding documented in Sources/MelixData/Fingerprint.swift."""
    out = bytearray()

    def put_int(v):
        out.extend(struct.pack("<q", int(v)))

    def put_str(s):
        b = s.encode("utf-8")
        put_int(len(b))
        out.extend(b)

    def put_strs(xs):
        put_int(len(xs))
        for s in xs:
            put_str(s)

    def put_doubles(xs):
        xs = np.asarray(xs, dtype="<f8").ravel().copy()
        xs[np.isnan(xs)] = np.frombuffer(struct.pack("<Q", 0x7FF8000000000000), dtype="<f8")[0]
        put_int(len(xs))
        out.extend(xs.tobytes())

    with h5py.File(path, "r") as f:
        X = f["X"][...]
        names = [s.decode() if isinstance(s, bytes) else s for s in f.attrs["feature_names"]]
        columns = [s.decode() if isinstance(s, bytes) else s for s in f.attrs["columns"]]
        cat_names = [s.decode() if isinstance(s, bytes) else s for s in f.attrs.get("categorical_names", [])]
        put_str("melix-dataset-v1")
        put_int(X.shape[0])
        put_strs(columns)
        put_strs(names)
        put_doubles(X)
        put_int(len(cat_names))
        for name in cat_names:
            ds = f["categorical/" + name]
            put_str(name)
            put_int(int(ds.attrs["ordered"]))
            put_strs([s.decode() if isinstance(s, bytes) else s for s in ds.attrs["levels"]])
            codes = ds[...]
            put_int(len(codes))
            for c in codes:
                put_int(c)
        task = f.attrs["task"]
        y = f["y"][...]
        if task == "classification":
            put_int(1)
            put_strs([s.decode() if isinstance(s, bytes) else s for s in f.attrs["target_names"]])
            put_int(len(y))
            for c in y:
                put_int(c)
        else:
            put_int(2)
            put_doubles(y)
        put_str(f.attrs["target"])
    return hashlib.sha256(bytes(out)).hexdigest()


def main():
    reference = {
        "scalers": scalers(),
        "imputers": imputers(),
        "one_hot": one_hot(),
        "describe_penguins_bill_length": describe(),
        "label_encoder_island": label_encoder(),
        "splits": splits(),
        "fingerprints": {n: fingerprint(os.path.join(DATA, n + ".h5")) for n in ["iris", "penguins", "diabetes"]},
    }
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
