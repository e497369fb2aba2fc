"""Writes the small HDF5 files with a wrong Melix layout used by the hardening golden tests.

Run from this folder: python3 make_bad_layouts.py (needs numpy and h5py).
"""
import h5py
import numpy as np


def write(name, build):
    with h5py.File(name, "w", libver=("earliest", "v110")) as h:
        build(h)


def float_class_indices(h):
    # /y is float64 for a classification task: 0.5 is not a class index, NaN is not either.
    h.create_dataset("X", data=np.zeros((3, 2)))
    h.create_dataset("y", data=np.array([0.5, np.nan, 2.0]))
    h.attrs["task"] = "classification"
    h.attrs["feature_names"] = ["a", "b"]
    h.attrs["target_names"] = ["p", "q", "r"]


def repeated_feature_names(h):
    h.create_dataset("X", data=np.zeros((3, 2)))
    h.create_dataset("y", data=np.arange(3.0))
    h.attrs["feature_names"] = ["a", "a"]


write("float_class_indices.h5", float_class_indices)
write("repeated_feature_names.h5", repeated_feature_names)
