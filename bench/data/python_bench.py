#!/usr/bin/env python3
"""Times pandas.read_csv and h5py reads of the benchmark files; same output format as the
Swift bench: 'csv <seconds>...' and 'h5 <seconds>...'."""
import sys
import time

import h5py
import pandas as pd


def main(csv, h5, repeats):
    pd.read_csv(csv)
    with h5py.File(h5, "r") as f:
        f["X"][...]
    csv_times, h5_times = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        pd.read_csv(csv)
        csv_times.append(time.perf_counter() - t)
    for _ in range(repeats):
        t = time.perf_counter()
        with h5py.File(h5, "r") as f:
            x = f["X"][...]
        h5_times.append(time.perf_counter() - t)
        assert x.size == 10_000_000
    print("csv " + " ".join(map(str, csv_times)))
    print("h5 " + " ".join(map(str, h5_times)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
