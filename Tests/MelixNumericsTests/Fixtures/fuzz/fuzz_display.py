import numpy as np, subprocess, sys
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
def tensor(a):
    a = np.asarray(a)
    prefix = "tensor("
    body = np.array2string(a, max_line_width=75, separator=", ", prefix=prefix, suffix=")")
    arr = prefix + body + ","
    tail = "shape=[" + ", ".join(str(n) for n in a.shape) + f"], dtype={a.dtype})"
    last = arr.split("\n")[-1]
    spacer = "\n" + " " * len(prefix) if len(last) + len(tail) + 1 > 75 else " "
    return arr + spacer + tail
rng = np.random.default_rng(int(sys.argv[1]))
cases = []
for i in range(int(sys.argv[2])):
    shape = tuple(int(x) for x in rng.integers(1, 5, size=rng.integers(1, 4)))
    kind = rng.integers(0, 6)
    if kind == 0:
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-12, 12)
    elif kind == 1:
        a = np.round(rng.standard_normal(shape) * 100, rng.integers(0, 4))
    elif kind == 2:
        a = rng.integers(-10**int(rng.integers(1, 18)), 10**int(rng.integers(1, 18)), size=shape)
    elif kind == 3:
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-5, 5, size=shape)
    elif kind == 4:
        a = rng.choice([0.0, -0.0, np.nan, np.inf, -np.inf, 1.5, -2.25, 1e-7, 3e8], size=shape)
    else:
        a = (rng.standard_normal(shape) * 10.0 ** rng.integers(-6, 6)).astype(np.float32)
    cases.append(a)
lines = []
for a in cases:
    if a.dtype == np.int64:
        lit = repr(a.tolist())
        lines.append(f"print(tensor({lit}))")
    else:
        vals = np.array(a, dtype=np.float64)
        def f(x):
            if np.isnan(x): return "nan"
            if np.isinf(x): return "inf" if x > 0 else "-inf"
            return repr(float(x))
        def nest(v):
            if v.ndim == 0: return f(v)
            return "[" + ", ".join(nest(x) for x in v) + "]"
        dt = ', dtype: "float32"' if a.dtype == np.float32 else ''
        lines.append(f"print(tensor({nest(vals)}{dt}))")
open(os.path.join(SCRATCH, "d.mlx"), "w").write("\n".join(lines) + "\n")
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "d.mlx")], capture_output=True, text=True)
got = res.stdout
exp = "\n".join(tensor(a) for a in cases) + "\n"
if got != exp:
    g = got.split("\n"); e = exp.split("\n")
    for k, (x, y) in enumerate(zip(g, e)):
        if x != y:
            print("DIFF at line", k); print(" got:", x); print(" exp:", y); break
    print(res.stderr[:500])
else:
    print("ok", len(cases))
