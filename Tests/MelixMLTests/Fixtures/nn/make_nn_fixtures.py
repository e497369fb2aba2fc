"""Reference values for the neural-network tests (NNTests, TrainingTests).

Computes, with NumPy only, the formulas PyTorch documents for its losses
(reduction="mean"), activations, BatchNorm1d in training mode, lr schedulers and the
optimizers SGD / Adam / AdamW / RMSprop (torch.optim docs, "Algorithm" sections), and
writes them to nn_fixtures.json.  Run: python3 make_nn_fixtures.py
"""
import json
import math

import numpy as np

out = {}
rng = np.random.default_rng(7)

# --- activations -----------------------------------------------------------------
x = np.array([[-3.0, -0.5, 0.0, 0.7, 2.5], [10.0, -10.0, 1e-3, -2.0, 4.0]])
erf = np.vectorize(math.erf)
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
out["activations"] = {
    "x": x.tolist(),
    "relu": np.maximum(x, 0).tolist(),
    "tanh": np.tanh(x).tolist(),
    "sigmoid": (1 / (1 + np.exp(-x))).tolist(),
    "gelu": (0.5 * x * (1 + erf(x / math.sqrt(2)))).tolist(),
    "softmax": softmax(x).tolist(),
}

# --- losses ------------------------------------------------------------------------
p = np.array([[0.3, -1.2], [2.5, 0.0], [-0.4, 1.6]])
t = np.array([[0.0, -1.0], [0.5, 0.0], [1.0, 1.0]])
n = p.size
d = p - t
huber = np.where(np.abs(d) < 1, 0.5 * d * d, np.abs(d) - 0.5)
huber_grad = np.where(np.abs(d) < 1, d, np.sign(d)) / n
bt = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]])
bce = np.maximum(p, 0) - p * bt + np.log1p(np.exp(-np.abs(p)))
logits = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [800.0, -800.0, 0.0], [-5.0, 5.0, 1.0]])
labels = np.array([0, 2, 0, 1])
lse = logits.max(1) + np.log(np.exp(logits - logits.max(1, keepdims=True)).sum(1))
ce = (lse - logits[np.arange(4), labels]).mean()
ce_grad = softmax(logits)
ce_grad[np.arange(4), labels] -= 1
ce_grad /= 4
out["losses"] = {
    "p": p.tolist(), "t": t.tolist(), "bce_t": bt.tolist(),
    "mse": float((d ** 2).mean()), "mse_grad": (2 * d / n).tolist(),
    "mae": float(np.abs(d).mean()), "mae_grad": (np.sign(d) / n).tolist(),
    "huber": float(huber.mean()), "huber_grad": huber_grad.tolist(),
    "bce": float(bce.mean()), "bce_grad": ((1 / (1 + np.exp(-p)) - bt) / n).tolist(),
    "logits": logits.tolist(), "labels": labels.tolist(),
    "ce": float(ce), "ce_grad": ce_grad.tolist(),
}

# --- batch norm (training mode, momentum 0.1, eps 1e-5) -----------------------------
xb = rng.normal(size=(6, 3)) * np.array([1.0, 5.0, 0.1]) + np.array([0.0, 3.0, -1.0])
gamma = np.array([1.5, 0.5, 2.0]); beta = np.array([0.1, -0.2, 0.3])
mean = xb.mean(0); var = xb.var(0)
y = gamma * (xb - mean) / np.sqrt(var + 1e-5) + beta
out["batch_norm"] = {
    "x": xb.tolist(), "gamma": gamma.tolist(), "beta": beta.tolist(), "y": y.tolist(),
    "running_mean": (0.9 * 0 + 0.1 * mean).tolist(),
    "running_var": (0.9 * 1 + 0.1 * xb.var(0, ddof=1)).tolist(),
}

# --- optimizers: three steps from the same parameters and gradients ------------------
p0 = np.array([0.5, -1.0, 2.0, 0.0])
grads = [np.array([0.1, -0.2, 0.3, 0.0]), np.array([-0.3, 0.1, 0.2, 0.05]),
         np.array([0.2, 0.2, -0.1, -0.4])]
lr = 0.1

def sgd(momentum=0.0, nesterov=False, wd=0.0):
    p = p0.copy(); buf = None; steps = []
    for g in grads:
        g = g + wd * p
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g; steps.append(p.tolist())
    return steps

def adam(b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False):
    p = p0.copy(); m = np.zeros(4); v = np.zeros(4); steps = []
    for t, g in enumerate(grads, 1):
        if decoupled:
            p = p * (1 - lr * wd)
        else:
            g = g + wd * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        bc1 = 1 - b1 ** t; bc2 = 1 - b2 ** t
        denom = np.sqrt(v) / math.sqrt(bc2) + eps
        p = p - (lr / bc1) * m / denom
        steps.append(p.tolist())
    return steps

def rmsprop(alpha=0.99, eps=1e-8, momentum=0.0, wd=0.0):
    p = p0.copy(); v = np.zeros(4); buf = np.zeros(4); steps = []
    for g in grads:
        g = g + wd * p
        v = alpha * v + (1 - alpha) * g * g
        avg = np.sqrt(v) + eps
        if momentum > 0:
            buf = momentum * buf + g / avg; p = p - lr * buf
        else:
            p = p - lr * g / avg
        steps.append(p.tolist())
    return steps

out["optimizers"] = {
    "p0": p0.tolist(), "grads": [g.tolist() for g in grads], "lr": lr,
    "sgd": sgd(), "sgd_momentum": sgd(0.9), "sgd_nesterov_wd": sgd(0.9, True, 0.01),
    "adam": adam(), "adam_wd": adam(wd=0.01), "adamw": adam(wd=0.01, decoupled=True),
    "rmsprop": rmsprop(), "rmsprop_momentum": rmsprop(momentum=0.5, wd=0.01),
}

# --- schedules (lr 0.1): StepLR(step 3, gamma 0.5), CosineAnnealingLR(T=10, eta_min 0.001)
out["schedules"] = {
    "step": [0.1 * 0.5 ** (e // 3) for e in range(10)],
    "cosine": [0.001 + (0.1 - 0.001) * (1 + math.cos(math.pi * min(e, 10) / 10)) / 2
               for e in range(12)],
    "warmup_constant_4": [0.1 * min(1.0, (e + 1) / 4) for e in range(6)],
}

# --- clip_grad_norm_ (max_norm 1) ----------------------------------------------------
gs = [np.array([3.0, 4.0]), np.array([12.0])]
total = math.sqrt(sum((g ** 2).sum() for g in gs))
coef = 1.0 / (total + 1e-6)
out["clip"] = {"grads": [g.tolist() for g in gs], "norm": total,
               "clipped": [(g * coef).tolist() for g in gs]}

with open("nn_fixtures.json", "w") as f:
    json.dump(out, f, indent=1)
