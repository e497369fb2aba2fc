#!/usr/bin/env python3
"""Writes the benchmark inputs: a ~100 MB numeric CSV and an HDF5 file of 10^7 float64.

Usage: make_data.py OUT_DIR. Values are normal(0, 1) rounded to 6 decimals (the kind of
numbers real data files hold), 10 feature columns plus an integer `label` column.
"""
import os
import sys

import h5py
import numpy as np


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)
    rows = 1_000_000
    x = np.round(rng.normal(size=(rows, 10)), 6)
    label = rng.integers(0, 3, size=rows)
    csv = os.path.join(out, "bench.csv")
    if not os.path.exists(csv):
        import pandas as pd

        df = pd.DataFrame(x, columns=["f%d" % i for i in range(10)])
        df["label"] = label
        df.to_csv(csv, index=False, float_format="%.6f")
    h5 = os.path.join(out, "bench.h5")
    if not os.path.exists(h5):
        with h5py.File(h5, "w", libver=("earliest", "v110")) as f:
            f["X"] = rng.normal(size=(1_000_000, 10))
            f.attrs["feature_names"] = ["f%d" % i for i in range(10)]


if __name__ == "__main__":
    main(sys.argv[1])
