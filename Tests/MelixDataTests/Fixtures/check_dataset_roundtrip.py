#!/usr/bin/env python3
"""Checks with h5py that a dataset file Melix wrote (WRITTEN) holds the same datasets,
values and attributes as the h5py-written original (ORIGINAL), in the layout of
examples/data/README.md. Usage: check_dataset_roundtrip.py ORIGINAL WRITTEN -> prints 'ok'
(exit 0) or the first difference (exit 1). Run by DatasetInteropTests."""
import sys

import h5py
import numpy as np


def fail(message):
    print("mismatch: " + message)
    sys.exit(1)


def text(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray):
        return [text(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [text(v) for v in value]
    return value


def same_attrs(a, b, where):
    if set(a.attrs) != set(b.attrs):
        fail("%s attributes %s vs %s" % (where, sorted(a.attrs), sorted(b.attrs)))
    for key in a.attrs:
        x, y = a.attrs[key], b.attrs[key]
        if isinstance(x, np.ndarray) and x.dtype.kind in "if":
            if x.dtype != y.dtype or not np.array_equal(x, y):
                fail("%s@%s %r vs %r" % (where, key, x, y))
        elif isinstance(x, (np.integer, int)):
            if int(x) != int(y) or np.asarray(y).dtype != np.int64:
                fail("%s@%s %r vs %r" % (where, key, x, y))
        elif text(x) != text(y):
            fail("%s@%s %r vs %r" % (where, key, text(x), text(y)))


def main(original, written):
    with h5py.File(original, "r") as a, h5py.File(written, "r") as b:
        same_attrs(a, b, "/")
        names_a, names_b = [], []
        a.visit(names_a.append)
        b.visit(names_b.append)
        if sorted(names_a) != sorted(names_b):
            fail("objects %s vs %s" % (sorted(names_a), sorted(names_b)))
        for name in names_a:
            x, y = a[name], b[name]
            if isinstance(x, h5py.Dataset):
                if x.dtype != y.dtype or x.shape != y.shape:
                    fail("%s: %s%s vs %s%s" % (name, x.dtype, x.shape, y.dtype, y.shape))
                if not np.array_equal(x[...], y[...], equal_nan=x.dtype.kind == "f"):
                    fail("%s values differ" % name)
                same_attrs(x, y, name)
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
