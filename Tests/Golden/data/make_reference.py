"""Reference numbers for the dataset golden tests (Tests/Golden/data/*.mlx).

Run from this folder: python3 make_reference.py > reference.txt
Needs numpy, pandas, scikit-learn, h5py. Every number printed here is pasted into a golden
file's '# expect:' lines; the golden files name the line of this output they come from.
"""
import math

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold, TimeSeriesSplit, train_test_split
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, StandardScaler
from sklearn.impute import SimpleImputer

DATA = "../../../examples/data/"


def show(label, value):
    print(f"{label}: {value}")


iris = pd.read_csv(DATA + "iris.csv")
penguins = pd.read_csv(DATA + "penguins.csv")
X = iris.drop(columns="species")

# describe (pandas: std with n - 1, linear quartiles)
d = X.describe()
for c in X.columns:
    s = d[c]
    show(f"describe iris {c}", " ".join(f"{s[k]:.6g}" for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]))
show("describe iris sepal_length std .12f", f"{d['sepal_length']['std']:.12f}")
pn = penguins.select_dtypes("number")
dp = pn.describe()
for c in pn.columns:
    s = dp[c]
    show(f"describe penguins {c}", f"count {int(s['count'])} missing {int(pn[c].isna().sum())} " + " ".join(f"{s[k]:.6g}" for k in ["mean", "std", "min", "25%", "50%", "75%", "max"]))
for c in ["island", "sex", "species"]:
    show(f"penguins levels {c}", dict(sorted(penguins[c].value_counts().items())), )
show("penguins sex missing", int(penguins["sex"].isna().sum()))

# filter
show("iris petal_length > 5 rows", int((iris["petal_length"] > 5).sum()))
show("iris petal_length > 5 species", dict(sorted(iris[iris["petal_length"] > 5]["species"].value_counts().items())))
show("penguins sex missing rows", int(penguins["sex"].isna().sum()))
show("penguins Dream and mass > 4000", int(((penguins["island"] == "Dream") & (penguins["body_mass_g"] > 4000)).sum()))

# split sizes (train_test_split: n_test = ceil(test * n))
for frac in [0.2, 0.25, 0.33]:
    tr, te = train_test_split(iris, test_size=frac, random_state=0)
    show(f"split iris test {frac}", f"train {len(tr)} test {len(te)}")
bc = pd.read_csv(DATA + "breast_cancer.csv")
tr, te = train_test_split(bc, test_size=0.2, stratify=bc["diagnosis"], random_state=0)
show("stratified split breast_cancer test 0.2 test counts", dict(sorted(te["diagnosis"].value_counts().items())))
show("stratified split breast_cancer test 0.2 train counts", dict(sorted(tr["diagnosis"].value_counts().items())))
tr, te = train_test_split(penguins, test_size=0.3, stratify=penguins["species"], random_state=0)
show("stratified split penguins test 0.3 test counts", dict(sorted(te["species"].value_counts().items())))

# time series split
for i, (a, b) in enumerate(TimeSeriesSplit(n_splits=3).split(iris)):
    show(f"time_series_split iris 3 split {i}", f"train {len(a)} ({a[0]}..{a[-1]}) test {len(b)} ({b[0]}..{b[-1]})")
for i, (a, b) in enumerate(TimeSeriesSplit(n_splits=2, test_size=20, gap=5).split(iris)):
    show(f"time_series_split iris 2 test 20 gap 5 split {i}", f"train {len(a)} test {len(b)} ({b[0]}..{b[-1]})")

# group k-fold on island
for i, (a, b) in enumerate(GroupKFold(n_splits=3).split(penguins, groups=penguins["island"])):
    show(f"group_kfold penguins island 3 fold {i}", f"validation {len(b)} islands {sorted(set(penguins['island'].iloc[b]))}")

# standard scaler
sc = StandardScaler().fit(X)
show("standard_scaler iris mean", [f"{v:.12f}" for v in sc.mean_])
show("standard_scaler iris scale", [f"{v:.12f}" for v in sc.scale_])
show("standard_scaler iris row 0", [f"{v:.6f}" for v in sc.transform(X)[0]])
show("standard_scaler iris row 149", [f"{v:.6f}" for v in sc.transform(X)[149]])
c = pd.read_csv("files/constant.csv")
sc2 = StandardScaler().fit(c[["a", "b"]])
show("standard_scaler constant.csv transformed", sc2.transform(c[["a", "b"]]).tolist())
mm2 = MinMaxScaler().fit(c[["a", "b"]])
show("minmax_scaler constant.csv transformed", mm2.transform(c[["a", "b"]]).tolist())

# min-max scaler
mm = MinMaxScaler().fit(X)
show("minmax_scaler iris data_min", mm.data_min_.tolist())
show("minmax_scaler iris data_max", mm.data_max_.tolist())
show("minmax_scaler iris row 0", [f"{v:.6f}" for v in mm.transform(X)[0]])
mm = MinMaxScaler(feature_range=(-1, 1)).fit(X)
show("minmax_scaler iris -1..1 row 0", [f"{v:.6f}" for v in mm.transform(X)[0]])

# imputer
num = penguins[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]]
for strategy in ["mean", "median", "most_frequent"]:
    imp = SimpleImputer(strategy=strategy).fit(num)
    show(f"imputer {strategy} penguins", [f"{v:.6f}" for v in imp.statistics_])
imp = SimpleImputer(strategy="most_frequent").fit(penguins[["sex"]])
show("imputer most_frequent penguins sex", imp.statistics_.tolist())

# one-hot
oh = OneHotEncoder(sparse_output=False).fit(penguins[["island"]])
show("one_hot penguins island names", oh.get_feature_names_out().tolist())
show("one_hot penguins island rows 0,200,300", oh.transform(penguins[["island"]]).tolist()[0:1] + [oh.transform(penguins[["island"]]).tolist()[200], oh.transform(penguins[["island"]]).tolist()[300]])
show("penguins island rows 0,200,300", [penguins["island"][0], penguins["island"][200], penguins["island"][300]])

# label encoder
le = LabelEncoder().fit(["pear", "apple", "fig", "apple"])
show("label_encoder classes", le.classes_.tolist())
show("label_encoder transform", le.transform(["fig", "pear", "apple"]).tolist())
le = LabelEncoder().fit(penguins["species"])
show("label_encoder penguins species rows 0,200,300", le.transform(penguins["species"])[[0, 200, 300]].tolist())
