"""The FastAPI + scikit-learn side of bench/serve/run.sh: the same iris logistic regression,
the same TF-Serving-style route and response as `melix serve`."""
import os

import numpy as np
import pandas as pd
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel
from sklearn.linear_model import LogisticRegression

data = pd.read_csv(os.environ["IRIS_CSV"])
y = data.pop("species")
model = LogisticRegression(max_iter=1000).fit(data.to_numpy(dtype=float), y)
classes = list(model.classes_)
app = FastAPI()


class Instances(BaseModel):
    instances: list[list[float]]


@app.post("/v1/models/iris:predict")
def predict(body: Instances):
    x = np.asarray(body.instances, dtype=float)
    if x.ndim != 2 or x.shape[1] != 4:
        raise HTTPException(status_code=400, detail="each instance needs 4 features")
    p = model.predict_proba(x)
    return {"predictions": [classes.index(c) for c in model.predict(x)], "probabilities": p.tolist()}
