import numpy as np, subprocess, sys, re
import os, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
MELIX = os.environ.get("MELIX", os.path.join(HERE, "../../../../.build/debug/melix"))
SCRATCH = tempfile.mkdtemp(prefix="melix-fuzz-")
rng = np.random.default_rng(int(sys.argv[1])); N = int(sys.argv[2])
def rint(lo, hi): return int(rng.integers(lo, hi))
def rand_index(shape):
    parts_mx, parts_np = [], []
    axes = len(shape)
    k = rint(1, axes + 1) if axes else 1
    used = 0
    gather_used = False
    for _ in range(k):
        c = rng.random()
        if c < 0.1:
            parts_mx.append("nil"); parts_np.append(None); continue
        if used >= axes: break
        n = shape[used]
        if c < 0.35 and n > 0:
            i = rint(-n, n); parts_mx.append(str(i)); parts_np.append(i)
        elif c < 0.45 and n > 0 and not gather_used:
            lst = [rint(-n, n) for _ in range(rint(0, 4))]
            parts_mx.append(str(lst)); parts_np.append(np.array(lst, dtype=np.int64)); gather_used = True
        else:
            def b():
                return None if rng.random() < 0.3 else rint(-n - 3, n + 4)
            st, sp = b(), b()
            step = None if rng.random() < 0.4 else int(rng.choice([-3, -2, -1, 1, 2, 3]))
            txt = ("" if st is None else str(st)) + ":" + ("" if sp is None else str(sp)) + ("" if step is None else ":" + str(step))
            parts_mx.append(txt); parts_np.append(slice(st, sp, step))
        used += 1
    return ", ".join(parts_mx), tuple(parts_np)
lines = ['fn show(r) {', '  if type(r) == "Tensor" {', '    print("T" + str(r.shape) + " " + str(r.tolist()))', '  } else {', '    print("S " + str(r))', '  }', '}']
exps = []
for k in range(N):
    shape = tuple(rint(0, 5) if rng.random() < 0.1 else rint(1, 5) for _ in range(rint(1, 4)))
    a = np.arange(int(np.prod(shape))).reshape(shape)
    mx, idx = rand_index(shape)
    # numpy: a gather list with other basic indices: Melix gathers along its axis (outer indexing for one list) same as numpy when only one list
    try:
        r = a[idx]
    except Exception as e:
        continue
    lines.append(f"let a{k} = arange({a.size}).reshape({list(shape)})")
    mode = rng.random()
    if mode < 0.5:
        lines.append(f"show(a{k}[{mx}])")
        exps.append(("get", np.asarray(r), f"a[{mx}] shape {shape}"))
    else:
        b = a.copy()
        vshape = np.shape(b[idx])
        # value: scalar or broadcastable
        if rng.random() < 0.4 or len(vshape) == 0:
            v = rint(-9, 0); vtxt = str(v)
        else:
            vs = tuple(1 if rng.random() < 0.3 else d for d in vshape[rint(0, len(vshape)):])
            v = -np.arange(1, int(np.prod(vs)) + 1).reshape(vs); vtxt = f"tensor({v.tolist()})" if v.size else f'zeros({list(vs)}, dtype: "int64")'
            if v.ndim == 0: vtxt = f"tensor({int(v)})"
        try:
            b[idx] = v
        except Exception:
            continue
        lines.append(f"a{k}[{mx}] = {vtxt}")
        lines.append(f"show(a{k})")
        exps.append(("set", b, f"a[{mx}] = {vtxt} shape {shape}"))
open(os.path.join(SCRATCH, "i.mlx"), "w").write("\n".join(lines) + "\n")
res = subprocess.run([MELIX, "run", os.path.join(SCRATCH, "i.mlx")], capture_output=True, text=True)
if res.returncode != 0:
    print("melix failed:", res.stderr[:1200]); 
outs = res.stdout.strip("\n").split("\n")
bad = 0
for (kind, ref, desc), line in zip(exps, outs):
    if line.startswith("S "):
        g = np.array(eval(line[2:])); 
    else:
        m = re.match(r"T(\(.*?\)) (.*)", line); gs = eval(m.group(1)); g = np.array(eval(m.group(2))).reshape(gs)
    if g.shape != ref.shape or not np.array_equal(g, ref):
        bad += 1
        if bad < 6: print("MISMATCH", kind, desc, "\n got", line[:200], "\n exp", ref.shape, ref.tolist().__repr__()[:200])
print("cases", len(exps), "bad", bad, "outputs", len(outs))
