"""scikit-learn's R² for examples/diabetes.mlx, on the same split.

Melix writes its split (split(data, test: 0.2, seed: 7)) to two CSV files, then
scikit-learn fits Ridge(alpha=1.0) on the training part and scores the test part.
Run from the repository root after building melix:
    python3 examples/reference/diabetes_ridge.py .build/debug/melix
"""
import os
import subprocess
import sys
import tempfile

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score

melix = sys.argv[1] if len(sys.argv) > 1 else "melix"
here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as tmp:
    script = os.path.join(tmp, "split.mlx")
    with open(script, "w") as f:
        f.write(
            'let data = read_csv("%s", target: "target")\n'
            'let (train_set, test_set) = split(data, test: 0.2, seed: 7)\n'
            'save(train_set, "%s/train.csv")\nsave(test_set, "%s/test.csv")\n'
            % (os.path.join(here, "..", "data", "diabetes.csv"), tmp, tmp))
    subprocess.run([melix, "run", script], check=True)
    train = pd.read_csv(os.path.join(tmp, "train.csv"))
    test = pd.read_csv(os.path.join(tmp, "test.csv"))
model = Ridge(alpha=1.0).fit(train.drop(columns="target"), train["target"])
print("%.12f" % r2_score(test["target"], model.predict(test.drop(columns="target"))))
