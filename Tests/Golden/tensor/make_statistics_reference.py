"""Reference values for statistics_*.mlx (median, quantile, percentile, sin/cos/tan of tensors).

Run from this folder: python3 make_statistics_reference.py > statistics_reference.txt
Needs numpy. The golden files paste these numbers into their '# expect:' lines (Melix prints
floats as NumPy's repr).
"""
import numpy as np

m = np.array([[0.5, 7.25, -1.0, 3.0], [2.0, 2.0, 9.5, -4.75], [1.5, 6.0, 0.25, 8.0]])


def show(label, value):
    print(f"{label}: {value!r}")


show("median all", float(np.median(m)))
show("median axis 0", np.median(m, axis=0).tolist())
show("median axis 1", np.median(m, axis=1).tolist())
show("median axis -1", np.median(m, axis=-1).tolist())
show("quantile 0.1 all", float(np.quantile(m, 0.1)))
show("quantile 0.9 axis 0", np.quantile(m, 0.9, axis=0).tolist())
show("quantile 0.37 axis 1", np.quantile(m, 0.37, axis=1).tolist())
show("quantile 0 and 1", [float(np.quantile(m, 0.0)), float(np.quantile(m, 1.0))])
show("percentile 25 all", float(np.percentile(m, 25)))
show("percentile 62.5 axis 1", np.percentile(m, 62.5, axis=1).tolist())
show("median of ints", float(np.median([3, 1, 4, 1, 5])))
show("sin", np.sin([0.0, 0.5, 1.0, -2.0]).tolist())
show("cos", np.cos([0.0, 0.5, 1.0, -2.0]).tolist())
show("tan", np.tan([0.0, 0.5, 1.0, -2.0]).tolist())
