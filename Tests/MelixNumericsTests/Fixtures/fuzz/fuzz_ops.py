import numpy as np, subprocess, sys, math, re, json
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
np.seterr(all="ignore")
import warnings; warnings.simplefilter("ignore")
rng = np.random.default_rng(int(sys.argv[1]))
N = int(sys.argv[2])
DT = ["float64", "float32", "int64", "bool"]
def rand_shape():
    r = int(rng.integers(0, 4))
    return tuple(int(rng.choice([0, 1, 1, 2, 3, 4])) if rng.random() < 0.15 else int(rng.integers(1, 5)) for _ in range(r))
def bshape(s):
    # a shape broadcastable with s
    s = list(s)
    k = int(rng.integers(0, len(s) + 1))
    t = s[len(s) - k:]
    t = [1 if rng.random() < 0.3 else d for d in t]
    if rng.random() < 0.2: t = [int(rng.integers(1, 3))] + t if not s else t
    return tuple(t)
def rand_arr(shape, dt):
    if dt == "bool": return rng.random(shape) < 0.5
    if dt == "int64": return rng.integers(-20, 20, size=shape).astype(np.int64)
    a = np.round(rng.standard_normal(shape) * 5, 3)
    if rng.random() < 0.3 and a.size:
        idx = rng.integers(0, a.size)
        a.flat[idx] = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0])
    return a.astype(dt)
def lit(a):
    def f(x):
        if a.dtype == np.bool_: return "true" if x else "false"
        if a.dtype == np.int64: return str(int(x))
        x = float(x)
        if math.isnan(x): return "nan"
        if math.isinf(x): return "inf" if x > 0 else "-inf"
        return repr(x)
    def nest(v):
        if v.ndim == 0: return f(v)
        return "[" + ", ".join(nest(x) for x in v) + "]"
    if a.ndim == 0:
        return f'tensor({f(a)}, dtype: "{a.dtype}")'
    if a.size == 0:
        return f'zeros({list(a.shape)}, dtype: "{a.dtype}")'
    return f'tensor({nest(a)}, dtype: "{a.dtype}")'
BIN = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "//": np.floor_divide, "%": np.remainder,
       "**": np.power, "==": np.equal, "<": np.less, ">=": np.greater_equal, "maximum": np.maximum, "minimum": np.minimum}
RED = ["sum", "mean", "min", "max", "prod", "any", "all", "argmin", "argmax", "var", "std"]
UN = {"exp": np.exp, "log": np.log, "sqrt": np.sqrt, "abs": np.abs, "sign": np.sign, "floor": np.floor, "ceil": np.ceil,
      "tanh": np.tanh, "isnan": np.isnan, "isfinite": np.isfinite, "log1p": np.log1p, "round": np.round}
cases = []
for i in range(N):
    kind = rng.integers(0, 5)
    if kind == 3:
        op = rng.choice(["sort", "argsort", "cumsum", "unique"])
        s = rand_shape(); a = rand_arr(s, rng.choice(["float64", "float32", "int64"]))
        if a.ndim == 0 or a.size == 0: continue
        if op == "unique":
            call = f"unique({lit(a)})"; ref = np.unique(a)
        elif op == "cumsum":
            axis = None if rng.random() < 0.3 else int(rng.integers(-a.ndim, a.ndim))
            call = f"cumsum({lit(a)}, axis: {'nil' if axis is None else axis})"; ref = np.cumsum(a, axis=axis)
        else:
            axis = int(rng.integers(-a.ndim, a.ndim))
            call = f"{op}({lit(a)}, axis: {axis})"
            ref = np.sort(a, axis=axis, kind="stable") if op == "sort" else np.argsort(a, axis=axis, kind="stable")
        cases.append((call, np.asarray(ref))); continue
    if kind == 4:
        op = rng.choice(["sum", "mean", "max", "min", "prod", "any", "all", "var"])
        s = rand_shape(); a = rand_arr(s, rng.choice(["float64", "float32", "int64"]))
        if a.ndim < 2: continue
        k = int(rng.integers(1, a.ndim + 1))
        axes = [int(x) for x in rng.choice(a.ndim, size=k, replace=False)]
        axes = [x - a.ndim if rng.random() < 0.5 else x for x in axes]
        keep = bool(rng.random() < 0.5)
        if op in ("max", "min") and any(a.shape[x] == 0 for x in axes): continue
        call = f"{'variance' if op == 'var' else op}({lit(a)}, axis: {axes}, keepdims: {'true' if keep else 'false'})"
        ref = getattr(np, op)(a, axis=tuple(axes), keepdims=keep)
        cases.append((call, np.asarray(ref))); continue
    if kind == 0:
        op = rng.choice(list(BIN))
        s = rand_shape(); t = bshape(s)
        if rng.random() < 0.5: s, t = t, s
        a = rand_arr(s, rng.choice(DT)); b = rand_arr(t, rng.choice(DT))
        if op in ("-",) and a.dtype == np.bool_ and b.dtype == np.bool_: continue
        if op == "**" and (a.dtype.kind in "ib" and b.dtype.kind in "ib"): b = np.abs(b.astype(np.int64)) % 5
        if op in ("+", "-", "*", "**", "//", "%") and a.dtype == np.bool_ and b.dtype == np.bool_: continue
        call = f"maximum({lit(a)}, {lit(b)})" if op == "maximum" else f"minimum({lit(a)}, {lit(b)})" if op == "minimum" else f"({lit(a)} {op} {lit(b)})"
        ref = BIN[op](a, b)
        if op == "/" and a.dtype.kind in "ib" and b.dtype.kind in "ib": ref = a.astype(float) / b.astype(float)
        if op in ("//", "%") and a.dtype.kind in "i" and b.dtype.kind in "i": ref = np.where(b == 0, 0, ref)
    elif kind == 1:
        op = rng.choice(RED)
        s = rand_shape()
        a = rand_arr(s, rng.choice(DT))
        if op in ("var", "std", "mean") and a.dtype == np.bool_: continue
        if a.ndim == 0: continue
        axis = None if rng.random() < 0.3 else int(rng.integers(-a.ndim, a.ndim))
        keep = bool(rng.random() < 0.3)
        if op in ("min", "max", "argmin", "argmax") and (a.size == 0 or (axis is not None and a.shape[axis] == 0)): continue
        ax = "nil" if axis is None else str(axis)
        kd = "true" if keep else "false"
        extra = ""
        if op in ("var", "std") and rng.random() < 0.5:
            extra = ", ddof: 1"
        call = f"{'variance' if op == 'var' else op}({lit(a)}, axis: {ax}, keepdims: {kd}{extra})"
        fn = getattr(np, op)
        kw = {"ddof": 1} if extra else {}
        ref = fn(a, axis=axis, keepdims=keep, **kw)
        if op == "prod" and a.dtype == np.bool_: ref = np.prod(a.astype(np.int64), axis=axis, keepdims=keep)
    else:
        op = rng.choice(list(UN))
        s = rand_shape(); a = rand_arr(s, rng.choice(DT))
        if a.dtype == np.bool_: continue
        call = f"{op}({lit(a)})"
        ref = UN[op](a)
    cases.append((call, np.asarray(ref)))
lines = ['fn show(r) {', '  if type(r) == "Tensor" {', '    print("T" + r.dtype + " " + str(r.shape) + " " + str(r.tolist()))', '  } else {', '    print("S " + str(r))', '  }', '}']
for k, (call, ref) in enumerate(cases):
    lines.append(f'let r{k} = {call}')
    lines.append(f'show(r{k})')
src = "\n".join(lines) + "\n"
open(os.path.join(SCRATCH, "o.mlx"), "w").write(src)
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "o.mlx")], capture_output=True, text=True)
if res.returncode != 0:
    print("melix failed:", res.stderr[:800]); sys.exit(0)
outs = res.stdout.strip("\n").split("\n")
def parse(txt):
    txt = txt.replace("true", "True").replace("false", "False")
    return eval(txt, {"nan": float("nan"), "inf": float("inf")})
bad = 0
for (call, ref), line in zip(cases, outs):
    if line.startswith("S "):
        got = parse(line[2:]); gshape = (); gdt = None
    else:
        m = re.match(r"T(\w+) (\(.*?\)) (.*)", line)
        gdt = m.group(1); gshape = eval(m.group(2)); got = parse(m.group(3))
    g = np.array(got, dtype=float).reshape(gshape) if np.size(got) else np.zeros(gshape)
    r = ref.astype(float)
    ok = g.shape == r.shape and np.allclose(g, r, rtol=2e-6 if (ref.dtype == np.float32) else 1e-12, atol=1e-12 if ref.dtype != np.float32 else 1e-6, equal_nan=True)
    if ok and gdt is not None and gdt != str(ref.dtype):
        ok = False
    if ok and g.size:
        # signs of zeros
        pass
    if not ok:
        bad += 1
        if bad <= 8:
            print("MISMATCH", call[:300]); print("  got", line[:300]); print("  exp", ref.dtype, ref.shape, np.array2string(ref, threshold=50)[:300])
print("cases", len(cases), "bad", bad)
