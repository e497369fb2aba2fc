import numpy as np, subprocess, sys
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
rng = np.random.default_rng(int(sys.argv[1])); N = int(sys.argv[2])
# building blocks: expressions in x (shape [3, 4]) producing tensors
UN = ["exp(X / 4)", "tanh(X)", "sigmoid(X)", "softplus(X)", "relu(X) + X * 0.1", "abs(X) + 0.5", "X ** 2", "sqrt(abs(X) + 1)", "log(abs(X) + 1)",
      "softmax(X, axis: 1)", "log_softmax(X, axis: 0)", "clip(X, -0.5, 0.5) + X * 0.01", "maximum(X, X * 0.5)", "X.T.T", "X[::-1, 1:]", "X[[0, 2, 2]]",
      "X[1]", "X[:, nil, 2]", "cumsum(X, axis: 1)", "X.reshape([4, 3])", "X.sum(axis: 0, keepdims: true) + X", "X.mean(axis: 1, keepdims: true) * X",
      "X.max(axis: 1, keepdims: true) - X", "X.var(axis: 0, keepdims: true) + X", "X.std(axis: 1, keepdims: true) + X", "concat([X, X * 2], axis: 0)",
      "stack([X, X], axis: 1)", "where(X > 0, X, X * X)", "X @ X.T", "X / (abs(X) + 1)", "logsumexp(X, axis: 1)", "sort(X, axis: 1)", "X.prod(axis: 0)",
      "WRITE"]
lines = []
for k in range(N):
    depth = int(rng.integers(1, 4))
    expr = "x"
    writes = []
    SAME = [u for u in UN if u in ("exp(X / 4)", "tanh(X)", "sigmoid(X)", "softplus(X)", "relu(X) + X * 0.1", "abs(X) + 0.5", "X ** 2", "sqrt(abs(X) + 1)", "log(abs(X) + 1)",
      "softmax(X, axis: 1)", "log_softmax(X, axis: 0)", "clip(X, -0.5, 0.5) + X * 0.01", "maximum(X, X * 0.5)", "X.T.T", "cumsum(X, axis: 1)", "X.sum(axis: 0, keepdims: true) + X",
      "X.mean(axis: 1, keepdims: true) * X", "X.max(axis: 1, keepdims: true) - X", "X.var(axis: 0, keepdims: true) + X", "X.std(axis: 1, keepdims: true) + X",
      "where(X > 0, X, X * X)", "X / (abs(X) + 1)", "sort(X, axis: 1)", "WRITE")]
    FINAL = [u for u in UN if u not in SAME]
    for d in range(depth):
        u = str(rng.choice(SAME if d < depth - 1 else UN))
        if u == "WRITE":
            # a write into an intermediate tensor of the graph
            writes.append(d)
            expr = f"wr({expr})"
            continue
        expr = u.replace("X", f"({expr})")
    w = np.round(rng.standard_normal(200), 3).tolist()
    lines.append(f"fn f{k}(x) {{")
    lines.append(f"  return sum(flatten({expr}) * tensor({w})[:size({expr})])" if False else f"  let y = flatten({expr})")
    lines.append(f"  return sum(y * W[:y.size])")
    lines.append("}")
    lines.append(f"check(f{k}, \"{expr}\")")
header = f'''let W = tensor({np.round(rng.standard_normal(400), 3).tolist()})
fn wr(t) {{
  let y = t * 1
  y[0] = y[-1] * 2
  return y
}}
fn check(f, name) {{
  let x0 = tensor({np.round(rng.standard_normal((3, 4)) + 0.05, 3).tolist()})
  let x = detach(x0)
  x.requires_grad = true
  let loss = f(x)
  loss.backward()
  let g = x.grad
  let h = 0.000001
  var worst = 0.0
  for i in range(3) {{
    for j in range(4) {{
      let xp = detach(x0) * 1
      xp[i, j] = xp[i, j] + h
      let xm = detach(x0) * 1
      xm[i, j] = xm[i, j] - h
      let num = (float(f(xp)) - float(f(xm))) / (2 * h)
      let err = abs(num - g[i, j]) / max(1.0, abs(num))
      if err > worst {{ worst = err }}
    }}
  }}
  if worst > 0.0001 {{ print("BAD", name, worst) }}
}}
'''
open(os.path.join(SCRATCH, "g.mlx"), "w").write(header + "\n".join(lines) + "\nprint(\"done\")\n")
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "g.mlx")], capture_output=True, text=True)
print(res.stdout[-3000:], res.stderr[:1500])
