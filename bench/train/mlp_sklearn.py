"""scikit-learn side of bench/train/mlp_bench.sh: MLPClassifier on the same digits split.

Usage: python3 mlp_sklearn.py <train.csv> <test.csv> <epochs> <batch> <hidden> <lr> <repeats>
Same network and schedule as the Melix side: one hidden ReLU layer, softmax output,
Adam (lr, β 0.9/0.999, ε 1e-8), no L2 (alpha=0), fixed epochs (no early stopping),
shuffled mini-batches. Prints one JSON line.
"""
import json
import sys
import time
import warnings

import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

train_path, test_path = sys.argv[1], sys.argv[2]
epochs, batch, hidden = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
lr, repeats = float(sys.argv[6]), int(sys.argv[7])
train, test = pd.read_csv(train_path), pd.read_csv(test_path)
Xtr, ytr = train.drop(columns="target").to_numpy(), train["target"].to_numpy()
Xte, yte = test.drop(columns="target").to_numpy(), test["target"].to_numpy()
times, accuracy = [], 0.0
for seed in range(repeats):
    model = MLPClassifier(hidden_layer_sizes=(hidden,), activation="relu", solver="adam",
                          alpha=0.0, batch_size=batch, learning_rate_init=lr, max_iter=epochs,
                          tol=0.0, n_iter_no_change=10**9, shuffle=True, random_state=seed)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(Xtr, ytr)
    times.append(time.perf_counter() - start)
    accuracy = float((model.predict(Xte) == yte).mean())
times.sort()
seconds = times[len(times) // 2]
print(json.dumps({"tool": "scikit-learn", "seconds": seconds, "epoch_seconds": seconds / epochs,
                  "accuracy": accuracy}))
