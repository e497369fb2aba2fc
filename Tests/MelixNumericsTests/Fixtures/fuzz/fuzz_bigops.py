import numpy as np, subprocess, sys, re
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
np.seterr(all="ignore")
rng = np.random.default_rng(int(sys.argv[1]))
lines = []; cases = []
for k in range(int(sys.argv[2])):
    shape = [int(rng.choice([1, 3, 64, 257, 1000])) for _ in range(int(rng.integers(2, 4)))]
    n = int(np.prod(shape))
    if n < 70000 or n > 2_000_000: continue
    bshape = [1 if rng.random() < 0.4 else d for d in shape][int(rng.integers(0, len(shape))):]
    m = int(np.prod(bshape))
    dta, dtb = str(rng.choice(["float64", "float32", "int64"])), str(rng.choice(["float64", "float32", "int64", "bool"]))
    A = ((np.arange(n) * 7919) % 201 - 100).astype(dta).reshape(shape)
    B = ((np.arange(m) * 104729) % 13 - 6)
    B = (B > 0) if dtb == "bool" else B.astype(dtb)
    B = B.reshape(bshape)
    op = str(rng.choice(["+", "-", "*", "/", "==", "<", "//", "%", "maximum"]))
    if dtb == "bool" and op in ("-", "//", "%"): continue
    view = str(rng.choice(["", ".T", "[::-1]", "[:, ::2]"]))
    Av = {"": A, ".T": A.T, "[::-1]": A[::-1], "[:, ::2]": A[:, ::2]}[view]
    try:
        ref = np.maximum(Av, B) if op == "maximum" else eval(f"Av {op} B")
    except Exception:
        continue
    if op in ("//", "%") and dta == "int64" and dtb == "int64": ref = np.where(B == 0, 0, ref)
    a_expr = f'(((arange({n}) * 7919) % 201 - 100).astype("{dta}").reshape({shape})){view}'
    b_expr = f'((arange({m}) * 104729) % 13 - 6)' + (' > 0' if dtb == "bool" else f'.astype("{dtb}")')
    b_expr = f'({b_expr}).reshape({bshape})'
    call = f"maximum({a_expr}, {b_expr})" if op == "maximum" else f"({a_expr} {op} {b_expr})"
    lines.append(f"let r{k} = {call}")
    lines.append(f'print(r{k}.dtype, r{k}.shape, sum(r{k}.astype("float64")), sum(abs(r{k}.astype("float64") * arange(r{k}.size).reshape(r{k}.shape) % 7)))')
    r = ref.astype(np.float64)
    cases.append((call, ref.dtype, ref.shape, r.sum(), np.abs(r * np.arange(r.size).reshape(r.shape) % 7).sum()))
open(os.path.join(SCRATCH, "bo.mlx"), "w").write("\n".join(lines) + "\n")
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "bo.mlx")], capture_output=True, text=True)
if res.returncode: print(res.stderr[:500])
outs = res.stdout.strip().split("\n"); bad = 0
for (call, dt, sh, s1, s2), line in zip(cases, outs):
    m = re.match(r"(\w+) (\(.*?\)) (\S+) (\S+)", line)
    ok = m and m.group(1) == str(dt) and eval(m.group(2)) == tuple(sh)
    if ok:
        g1, g2 = float(m.group(3)), float(m.group(4))
        ok = (np.isnan(s1) and np.isnan(g1)) or np.isclose(g1, s1, rtol=1e-9) ; ok = ok and ((np.isnan(s2) and np.isnan(g2)) or np.isclose(g2, s2, rtol=1e-6))
    if not ok:
        bad += 1
        if bad < 4: print("MISMATCH", call[:200], "\n got", line, "\n exp", dt, sh, s1, s2)
print("cases", len(cases), "bad", bad)
