import numpy as np, subprocess, sys, re
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
np.seterr(all="ignore")
import warnings; warnings.simplefilter("ignore")
rng = np.random.default_rng(int(sys.argv[1]))
lines = ['fn show(r) {', '  if type(r) == "Tensor" {', '    print("T" + r.dtype + " " + str(r.shape) + " " + str(r.tolist()))', '  } else {', '    print("S " + str(r))', '  }', '}']
cases = []
for k in range(int(sys.argv[2])):
    shape = [int(rng.choice([1, 2, 3, 7, 64, 300, 1000, 4096])) for _ in range(int(rng.integers(1, 4)))]
    n = int(np.prod(shape))
    if n < 2**16 or n > 3_000_000: continue
    mul, mod = int(rng.integers(1, 10**6)), int(rng.integers(2, 1000))
    dt = str(rng.choice(["float64", "float32", "int64", "bool"]))
    base = (np.arange(n, dtype=np.int64) * mul) % mod
    if dt == "bool": a = base > mod // 2; expr = f"(arange({n}) * {mul}) % {mod} > {mod // 2}"
    else:
        a = (base - mod // 2).astype(dt); expr = f"((arange({n}) * {mul}) % {mod} - {mod // 2}).astype(\"{dt}\")"
    nanpos = None
    if dt.startswith("float") and rng.random() < 0.5:
        nanpos = int(rng.integers(0, n)); a[nanpos] = np.nan
    a = a.reshape(shape)
    view = ""
    r = a
    if rng.random() < 0.3:
        view = ".T"; r = a.T
    elif rng.random() < 0.3:
        view = "[::-1]"; r = a[::-1]
    op = str(rng.choice(["sum", "max", "min", "argmax", "argmin", "any", "all", "prod", "mean"]))
    if dt == "bool" and op in ("mean",): continue
    axis = None if rng.random() < 0.4 else int(rng.integers(-r.ndim, r.ndim))
    if op == "prod":
        r = (r != 0) if dt == "bool" else r
    lines.append(f"let t{k} = {expr}")
    if nanpos is not None: lines.append(f"t{k}[{nanpos}] = nan")
    lines.append(f"show({op}(t{k}.reshape({shape}){view}, axis: {'nil' if axis is None else axis}))")
    if op == "prod" and dt != "bool":
        ref = np.prod(np.sign(r), axis=axis)  # magnitudes overflow: compare signs only
        lines[-1] = f"show(prod(sign(t{k}.reshape({shape}){view}), axis: {'nil' if axis is None else axis}))"
    elif op == "prod":
        ref = np.prod(r.astype(np.int64), axis=axis)
    else:
        ref = getattr(np, op)(r, axis=axis)
    cases.append((lines[-1], np.asarray(ref)))
open(os.path.join(SCRATCH, "b.mlx"), "w").write("\n".join(lines) + "\n")
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "b.mlx")], capture_output=True, text=True)
if res.returncode: print(res.stderr[:600])
outs = res.stdout.strip("\n").split("\n")
bad = 0
for (call, ref), line in zip(cases, outs):
    if line.startswith("S "):
        g = np.array(eval(line[2:].replace("true", "True").replace("false", "False"), {"nan": np.nan, "inf": np.inf}), dtype=float)
    else:
        m = re.match(r"T(\w+) (\(.*?\)) (.*)", line); gs = eval(m.group(2))
        g = np.array(eval(m.group(3).replace("true", "True").replace("false", "False"), {"nan": np.nan, "inf": np.inf}), dtype=float).reshape(gs)
    r = ref.astype(float)
    tol = 1e-5 if "float32" in call else 1e-9
    if g.shape != r.shape or not np.allclose(g, r, rtol=tol, atol=0, equal_nan=True):
        bad += 1
        if bad < 5: print("MISMATCH", call, "\n got", line[:200], "\n exp", r.shape, str(r.ravel()[:8]))
print("cases", len(cases), "bad", bad)
