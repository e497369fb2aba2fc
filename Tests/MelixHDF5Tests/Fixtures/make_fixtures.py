#!/usr/bin/env python3
"""Writes fixtures.h5 (and huge_shape.h5) with h5py for MelixHDF5Tests (commit its output; it is small).

Every value follows a formula that the Swift tests restate, so the tests check exact
values element by element. Run: python3 Tests/MelixHDF5Tests/Fixtures/make_fixtures.py
File format bounded to 1.10 (libver) so Debian's libhdf5 1.10 reads it.
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    path = os.path.join(HERE, "fixtures.h5")
    with h5py.File(path, "w", libver=("earliest", "v110")) as f:
        n = 12
        f["float64"] = np.arange(n, dtype="<f8") * 0.5 - 1.0
        f["float32"] = (np.arange(n, dtype="<f4") * np.float32(0.25)).astype("<f4")
        f["int64"] = np.arange(n, dtype="<i8") * -3 + 2**40
        f["int32"] = np.arange(n, dtype="<i4") * 7 - 20
        f["uint8"] = (np.arange(n) * 20 % 256).astype("u1")
        f["bool"] = np.arange(n) % 3 == 0
        f["matrix"] = np.arange(24, dtype="<f8").reshape(4, 6) / 8
        f.create_dataset("vlen_strings", data=["alpha", "béta", "", "gamma ✓"], dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("fixed_strings", data=np.array([b"ab", b"cde", b"fghij"], dtype="S5"))
        big = np.arange(1000 * 7, dtype="<f8").reshape(1000, 7) * 0.001
        f.create_dataset("group/nested/chunked", data=big, chunks=(100, 7), compression="gzip",
                         compression_opts=4, shuffle=True)
        f["group"].attrs["note"] = "nested group"
        f.attrs["title"] = "Melix fixtures"
        f.attrs["names"] = ["a", "bb", "ccc"]
        f.attrs["version"] = np.int64(3)
        f.attrs["scale"] = 2.5
        f.attrs["shape"] = np.array([8, 8], dtype="<i8")
        f.attrs["weights"] = np.array([0.5, 1.5], dtype="<f8")
        f.attrs["unicode"] = "café ✓"
        f.attrs.create("fixed", np.bytes_(b"fixed-len"))
        f["float64"].attrs["unit"] = "cm"


def write_huge_shape():
    """A chunked dataset never written to: its dimensions multiply past Int.max (2**64
    elements) yet the file is tiny. A reader must throw, not trap on the overflow."""
    path = os.path.join(HERE, "huge_shape.h5")
    with h5py.File(path, "w", libver=("earliest", "v110")) as f:
        f.create_dataset("X", shape=(2**32, 2**32), dtype="<f8", chunks=(1, 1))
        f.create_dataset("wide", shape=(2**62,), dtype="<f8", chunks=(1,))
        # 2**40 strings of 2**24 bytes: the element count fits, the byte count does not.
        f.create_dataset("long_strings", shape=(2**40,), dtype="S16777216", chunks=(1,))


if __name__ == "__main__":
    main()
    write_huge_shape()
