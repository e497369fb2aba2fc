#!/usr/bin/env python3
"""Checks, with h5py, a file that MelixHDF5Tests wrote (see testH5pyReadsMelixOutput).

Usage: python3 check_melix_output.py FILE   -> exit 0 and print 'ok', or exit 1 with the
first mismatch. The expected content is restated here independently of the Swift code.
"""
import sys

import h5py
import numpy as np


def expect(condition, message):
    if not condition:
        print("mismatch: " + message)
        sys.exit(1)


def main(path):
    with h5py.File(path, "r") as f:
        x = f["data/X"]
        expect(x.dtype == np.float64 and x.shape == (5, 3), "data/X dtype/shape %s %s" % (x.dtype, x.shape))
        expect(np.array_equal(x[...], np.arange(15).reshape(5, 3) * 0.1), "data/X values")
        expect(f["ints"].dtype == np.int64 and list(f["ints"][...]) == [-1, 0, 2**40], "ints")
        expect(f["small"].dtype == np.int32 and list(f["small"][...]) == [1, -2, 3], "int32")
        expect(f["bytes"].dtype == np.uint8 and list(f["bytes"][...]) == [0, 128, 255], "uint8")
        expect(f["flags"].dtype == np.bool_ and list(f["flags"][...]) == [True, False, True], "bool")
        expect(f["single"].dtype == np.float32 and list(f["single"][...]) == [0.5, -1.25], "float32")
        names = [s.decode() if isinstance(s, bytes) else s for s in f["names"][...]]
        expect(names == ["x", "ÿ ✓", ""], "strings %r" % names)
        expect(h5py.check_string_dtype(f["names"].dtype).encoding == "utf-8", "string encoding")
        z = f["zipped"]
        expect(z.compression == "gzip" and z.shuffle and z.chunks == (50, 4), "zipped filters %s %s %s" % (z.compression, z.shuffle, z.chunks))
        expect(np.array_equal(z[...], np.arange(400).reshape(100, 4).astype(np.float64)), "zipped values")
        expect(f.attrs["task"] == "classification", "task attr %r" % f.attrs["task"])
        expect(list(f.attrs["feature_names"]) == ["a", "b", "c"], "feature_names %r" % list(f.attrs["feature_names"]))
        expect(int(f.attrs["format_version"]) == 1 and f.attrs["format_version"].dtype == np.int64, "format_version")
        expect(float(f.attrs["rate"]) == 0.25, "rate")
        expect(list(f.attrs["dims"]) == [28, 28], "dims")
        expect(list(f["data"].attrs["weights"]) == [1.5, -2.0], "weights")
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
