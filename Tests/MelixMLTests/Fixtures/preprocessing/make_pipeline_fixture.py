"""Reference values for PreprocessingPipelineTests (run: python3 make_pipeline_fixture.py).

scikit-learn Pipeline(SimpleImputer(median), StandardScaler()) and a MinMaxScaler fitted on
a small matrix with missing values; writes pipeline.json: the fitted numbers a Melix
checkpoint stores and the transformed raw rows.
"""
import json

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

train = np.array([
    [1.0, 10.0, -3.0],
    [2.0, np.nan, 0.5],
    [np.nan, 14.0, 2.0],
    [4.5, 11.0, np.nan],
    [3.0, 12.5, 1.0],
])
raw = np.array([
    [np.nan, 9.0, 4.0],
    [2.5, np.nan, np.nan],
    [0.0, 20.0, -1.0],
])
pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit(train)
imputer, scaler = pipe[0], pipe[1]
minmax = MinMaxScaler().fit(imputer.transform(train))
out = {
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "features": ["a", "b", "c"],
    "raw": [[None if np.isnan(v) else v for v in row] for row in raw.tolist()],
    "fills": imputer.statistics_.tolist(),
    "mean": scaler.mean_.tolist(),
    "scale": scaler.scale_.tolist(),
    "imputer_then_standard": pipe.transform(raw).tolist(),
    "minmax_scale": minmax.scale_.tolist(),
    "minmax_offset": minmax.min_.tolist(),
    "imputer_then_minmax": minmax.transform(imputer.transform(raw)).tolist(),
}
with open("pipeline.json", "w") as f:
    json.dump(out, f, indent=1)
