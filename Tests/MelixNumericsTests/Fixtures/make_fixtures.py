#!/usr/bin/env python3
"""Reference values for MelixNumericsTests, computed with NumPy.

Run from this folder: `python3 make_fixtures.py` (writes the *.json files beside it).
The Swift tests read the JSON and never need Python. Inputs are fixed (no randomness
except NumPy generators with fixed seeds), so re-running gives the same files.
"""
import json
import math
import warnings

import numpy as np
import scipy.special


def enc(a):
    """A tensor as {shape, dtype, data}, non-finite floats as strings."""
    a = np.asarray(a)
    def val(x):
        if a.dtype == np.bool_:
            return bool(x)
        if np.issubdtype(a.dtype, np.integer):
            return int(x)
        return num(x)
    return {"shape": list(a.shape), "dtype": str(a.dtype), "data": [val(x) for x in a.reshape(-1)]}


def num(x):
    """A float as its shortest round-trip text, so the Swift side parses it exactly."""
    return repr(float(x))


def save(name, obj):
    with open(name, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


rng = np.random.default_rng(1234)


# --- display -----------------------------------------------------------------------
def melix_repr(arr):
    """Tensor.description: NumPy's repr with 'tensor(' and a shape/dtype tail."""
    prefix = "tensor("
    lst = np.array2string(arr, separator=", ", prefix=prefix, suffix=")")
    arr_str = prefix + lst + ","
    info = "shape=[%s], dtype=%s)" % (", ".join(str(s) for s in arr.shape), arr.dtype)
    last = len(arr_str) - (arr_str.rfind("\n") + 1)
    spacer = " " if last + len(info) + 1 <= 75 else "\n" + " " * len(prefix)
    return arr_str + spacer + info


display_inputs = {
    "vector_float": np.array([1.0, 2.5, -3.25]),
    "matrix_float": np.array([[1.0, 2.0], [3.0, 4.0]]),
    "integers": np.array([[1, -20, 300], [4, 5, 6]], dtype=np.int64),
    "bools": np.array([True, False, True]),
    "float32": np.array([0.1, 0.2, 1.5], dtype=np.float32),
    "small_and_large": np.array([1e-5, 1.0, 12345.0]),
    "large": np.array([1e10, 2.0]),
    "nan_inf": np.array([np.nan, 1.5, -np.inf, np.inf]),
    "only_nan": np.array([np.nan, np.nan]),
    "negative_zero": np.array([-0.0, 1.0]),
    "thirds": np.array([1 / 3, 2 / 3, 1.0]),
    "rank3": np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 4,
    "scalar": np.array(2.5),
    "scalar_int": np.array(7, dtype=np.int64),
    "empty": np.zeros((0,)),
    "empty_2d": np.zeros((2, 0)),
    "wrap": np.arange(30, dtype=np.float64) * 1.125,
    "long_ints": np.arange(40, dtype=np.int64) * 1000,
    "summary_vector": np.arange(1001, dtype=np.float64),
    "summary_matrix": np.arange(1200, dtype=np.int64).reshape(40, 30),
    "summary_rank3": np.arange(1050, dtype=np.float64).reshape(5, 7, 30) / 7,
    "randn": rng.standard_normal((4, 5)),
    "float32_matrix": (rng.standard_normal((3, 3)) * 100).astype(np.float32),
    "mixed_exp": np.array([[1e-10, 1.0], [-1e12, 3.0]]),
    "big_exponent": np.array([1e-100, 1.0, 1e200]),
    "float32_nan": np.array([1.5, np.nan, -2.25], dtype=np.float32),
    "bool_matrix": np.array([[True, False], [False, True]]),
    "negative_inf_only": np.array([-np.inf, 1.0]),
    "negative_ints": np.array([-5, 12, -300], dtype=np.int64),
    "scalar_bool": np.array(True),
    "precision_cut": np.array([0.123456789123, 1.0, -2.5]),
    "single_small": np.array([1e-5]),
    "single_large": np.array([123456789.0]),
    "round_up_cut": np.array([0.999999999, 2.0]),
    "tiny_and_zero": np.array([0.0, 1e-9]),
    "float32_exp": np.array([1e-6, 3.0], dtype=np.float32),
    "empty_int": np.zeros((0,), dtype=np.int64),
    "empty_3d": np.zeros((2, 0, 3), dtype=np.float32),
    "wide_rows": (np.arange(60, dtype=np.float64).reshape(3, 20) - 30) / 3,
    "rank4": np.arange(16, dtype=np.int64).reshape(2, 2, 2, 2),
    "summary_bool": np.arange(1500) % 3 == 0,
    "summary_float32": np.linspace(-1, 1, 1200, dtype=np.float32).reshape(2, 600),
    # scientific notation pads to the common precision with the true digits (min_digits),
    # not zeros: 9.053559e-06 shows as 9.0535586e-06 beside an element needing 8 digits
    "float32_sci_true_digits": np.array([3.3043707e-06, -1.3031572e-05, 9.0535586e-06, 4.4637459e-06], dtype=np.float32),
    "float32_sci_nine_digits": np.array([-1.13491194e-04, -8.589409844717011e-05, -2.64133880e-04], dtype=np.float32),
    "subnormal": np.array([5e-324, 1.7976931348623157e308]),
}
save("display.json", [
    {"name": k, "input": enc(v), "numpy": repr(v), "melix": melix_repr(v)}
    for k, v in display_inputs.items()
])

# --- element-wise with broadcasting -------------------------------------------------
a23 = np.array([[1.5, -2.0, 3.0], [0.0, 4.0, -1.25]])
b3 = np.array([2.0, -0.5, 3.0])
col2 = np.array([[2.0], [-3.0]])
ints = np.array([[7, -7, 3], [-8, 9, 0]], dtype=np.int64)
int3 = np.array([2, 3, -4], dtype=np.int64)
f32 = np.array([1.5, 2.25, -3.0], dtype=np.float32)
bools = np.array([True, False, True])
special = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0])
divmod_lhs = np.array([1.0, 7.0, -1.0, 0.3, np.inf, -5.0, 5.0, -0.0, 0.0, 6.0, -6.0, np.nan, 1.0, 0.0, -2.0])
divmod_rhs = np.array([0.1, 0.1, 0.1, 0.1, 2.0, np.inf, -np.inf, 2.0, -2.0, 3.0, 3.0, 1.0, 0.0, 0.0, 0.0])
binary_cases = [
    ("add", a23, b3), ("subtract", a23, col2), ("multiply", col2, b3), ("divide", a23, b3),
    ("floor_divide", a23, b3), ("remainder", a23, b3), ("power", np.abs(a23), b3),
    ("maximum", a23, b3), ("minimum", special, np.array([1.0])),
    ("add", ints, int3), ("floor_divide", ints, int3), ("remainder", ints, int3),
    ("multiply", ints, int3), ("power", ints, np.array([2], dtype=np.int64)),
    ("divide", ints, int3), ("add", ints, a23), ("add", f32, b3), ("add", f32, f32),
    ("multiply", f32, int3), ("add", bools, int3),
    ("less", a23, b3), ("equal", ints, int3), ("greater_equal", special, np.array([0.0])),
    ("not_equal", special, special),
    ("add", np.zeros((0, 3)), b3), ("add", np.ones((2, 1, 3)), np.ones((4, 1))),
    ("logical_and", bools, np.array([True])), ("logical_or", bools, np.array([False, False, True])),
    ("logical_xor", bools, np.array([True, True, False])),
    ("maximum", bools, np.array([[True], [False]])), ("minimum", bools, np.array([[True], [False]])),
    ("divide", special, np.array([0.0])),
    # '//' and '%' through the exact remainder (npy_divmod): 1.0 // 0.1 is 9, inf // 2 is nan,
    # -5 // inf is -1, and a zero remainder takes the divisor's sign.
    ("floor_divide", divmod_lhs, divmod_rhs), ("remainder", divmod_lhs, divmod_rhs),
    ("floor_divide", divmod_lhs.astype(np.float32), divmod_rhs.astype(np.float32)),
    ("remainder", divmod_lhs.astype(np.float32), divmod_rhs.astype(np.float32)),
]
elementwise = []
for op, x, y in binary_cases:
    with np.errstate(all="ignore"):
        r = getattr(np, op)(x, y)
    elementwise.append({"op": op, "lhs": enc(x), "rhs": enc(y), "result": enc(r)})
save("elementwise.json", elementwise)

# --- int64 arithmetic wraps around on overflow (NumPy warns only for '//') -------------
big = np.iinfo(np.int64).max
low = np.iinfo(np.int64).min
wrap_lhs = np.array([big, low, big, -3, 7], dtype=np.int64)
wrap_cases = [
    ("add", wrap_lhs, np.array([1], dtype=np.int64)),
    ("subtract", wrap_lhs, np.array([1], dtype=np.int64)),
    ("multiply", wrap_lhs, np.array([2], dtype=np.int64)),
    ("power", wrap_lhs, np.array([3], dtype=np.int64)),
    ("floor_divide", wrap_lhs, np.array([-1, -1, 0, 0, 2], dtype=np.int64)),
    ("remainder", wrap_lhs, np.array([-1, -1, 0, 0, 2], dtype=np.int64)),
]
int64_wrap = []
for op, x, y in wrap_cases:
    with np.errstate(all="ignore"):
        r = getattr(np, op)(x, y)
    int64_wrap.append({"op": op, "lhs": enc(x), "rhs": enc(y), "result": enc(r)})
wrap_reduce = np.array([big, big, 5], dtype=np.int64)
save("int64_wrap.json", {
    "binary": int64_wrap,
    "negative_input": enc(np.array([low, 1], dtype=np.int64)),
    "negative": enc(np.negative(np.array([low, 1], dtype=np.int64))),
    "reduce_input": enc(wrap_reduce),
    "sum": int(wrap_reduce.sum()),
    "prod": int(wrap_reduce.prod()),
})

mismatch = [([3, 4], [5]), ([2, 3], [3, 2]), ([2, 1, 3], [4, 2])]
save("broadcast_errors.json", [{"lhs": l, "rhs": r} for l, r in mismatch])

# --- unary math ------------------------------------------------------------------
xs = np.array([-3.5, -1.0, -0.25, 0.0, 0.5, 1.0, 2.5, 20.0, np.nan, np.inf, -np.inf])
pos = np.array([1e-300, 1e-5, 0.5, 1.0, 2.0, 1e5, 1e300, 0.0, np.inf, np.nan, -1.0])
def sigmoid(v):
    return 1 / (1 + np.exp(-v))
unary = {}
with np.errstate(all="ignore"):
    for name, f, inp in [
        ("exp", np.exp, xs), ("log", np.log, pos), ("log1p", np.log1p, pos), ("sqrt", np.sqrt, pos),
        ("abs", np.abs, xs), ("tanh", np.tanh, xs), ("sigmoid", sigmoid, xs),
        ("relu", lambda v: np.where(np.isnan(v), v, np.maximum(v, 0)), xs),
        ("softplus", lambda v: np.logaddexp(0, v), xs), ("sign", np.sign, xs),
        ("floor", np.floor, xs), ("round", np.round, np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, np.nan])),
        ("isnan", np.isnan, xs), ("isfinite", np.isfinite, xs),
        ("gelu", lambda v: 0.5 * v * (1 + scipy.special.erf(v / np.sqrt(2))), xs),
    ]:
        unary[name] = {"input": enc(inp), "result": enc(f(inp))}
    unary["exp_float32"] = {"input": enc(xs.astype(np.float32)), "result": enc(np.exp(xs.astype(np.float32)))}
    unary["clip"] = {"input": enc(xs), "result": enc(np.clip(xs, -1.0, 2.0))}
    unary["exp_int"] = {"input": enc(np.array([0, 1, 2], dtype=np.int64)), "result": enc(np.exp(np.array([0, 1, 2])))}
save("unary.json", unary)

# --- reductions -----------------------------------------------------------------
r3 = rng.standard_normal((3, 4, 5))
iv = np.array([[3, 1, 4], [1, 5, 9]], dtype=np.int64)
reductions = []
def red(name, x, axes, keep, **kw):
    fn = {"sum": np.sum, "mean": np.mean, "var": np.var, "std": np.std, "min": np.min, "max": np.max,
          "prod": np.prod, "any": np.any, "all": np.all}[name]
    r = fn(x, axis=None if axes is None else tuple(axes), keepdims=keep, **kw)
    reductions.append({"op": name, "input": enc(x), "axes": axes, "keepdims": keep, "ddof": kw.get("ddof", 0), "result": enc(r)})
for op in ["sum", "mean", "var", "std", "min", "max", "prod"]:
    red(op, r3, None, False)
    red(op, r3, [1], False)
    red(op, r3, [0, 2], True)
    red(op, r3, [-1], False)
red("var", r3, [1], False, ddof=1)
red("std", r3, None, False, ddof=1)
red("sum", iv, [0], False)
red("prod", iv, None, False)
red("max", iv, [1], True)
red("sum", np.array([True, True, False]), None, False)
red("any", np.array([[True, False], [False, False]]), [1], False)
red("all", np.array([[True, False], [True, True]]), [1], False)
red("sum", np.zeros((0, 3)), [0], False)
red("mean", r3.astype(np.float32), [2], False)
red("sum", np.array([1.0, np.nan, 2.0]), None, False)
tall = rng.standard_normal((1000, 3))
red("sum", tall, [0], False)
red("sum", tall, [0], True)
red("mean", r3, [0, 1], False)
red("var", tall, [0], False, ddof=1)
red("mean", tall.astype(np.float32), [0], True)
# ddof >= n divides by max(n - ddof, 0): inf, or nan where the deviations are all 0
with np.errstate(all="ignore"), warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # "Degrees of freedom <= 0 for slice"
    red("var", r3, [1], False, ddof=5)
    red("std", iv, None, False, ddof=7)
    red("var", np.array([[2.0, 2.0], [1.0, 3.0]]), [1], False, ddof=2)
save("reductions.json", reductions)

args = []
for axis in [None, 0, 1, -1]:
    m = np.array([[3.0, 7.0, 7.0, -1.0], [2.0, 0.5, 9.0, 9.0], [np.nan, 1.0, 2.0, 0.0]])
    args.append({"input": enc(m), "axis": axis, "argmax": enc(np.argmax(m, axis=axis)), "argmin": enc(np.argmin(m, axis=axis)),
                 "argmax_keepdims": enc(np.argmax(m, axis=axis, keepdims=True)),
                 "argmin_keepdims": enc(np.argmin(m, axis=axis, keepdims=True))})
save("argreductions.json", args)

logits = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0], [-np.inf, 0.0, 0.0]])
from scipy.special import logsumexp, softmax, log_softmax
save("softmax.json", {
    "input": enc(logits),
    "softmax": enc(softmax(logits, axis=1)), "log_softmax": enc(log_softmax(logits, axis=1)),
    "logsumexp": enc(logsumexp(logits, axis=1)),
    "softmax_axis0": enc(softmax(logits[:2], axis=0)),
    "ce_logits": enc(np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.1], [0.0, 0.0, 0.0]])),
    "ce_targets": enc(np.array([0, 1, 2, 1], dtype=np.int64)),
})
ce_l = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.1], [0.0, 0.0, 0.0]])
ce_t = np.array([0, 1, 2, 1])
save("cross_entropy.json", {"value": num(-np.mean(log_softmax(ce_l, axis=1)[np.arange(4), ce_t]))})

# --- cumsum, sort, unique, concat, take --------------------------------------------
m = np.array([[3.0, -1.0, 2.0], [0.5, 8.0, -4.0]])
u = np.array([3, 1, 2, 3, 3, 1, 7], dtype=np.int64)
unique_big = np.array([2**53 + 1, 2**53, 2**53 + 1, -(2**62) - 1, -(2**62), 2**63 - 1, 2**63 - 2], dtype=np.int64)
save("ordering.json", {
    "input": enc(m),
    "cumsum_flat": enc(np.cumsum(m)), "cumsum_0": enc(np.cumsum(m, axis=0)), "cumsum_1": enc(np.cumsum(m, axis=1)),
    "sort_1": enc(np.sort(m, axis=1)), "sort_0": enc(np.sort(m, axis=0)),
    "argsort_1": enc(np.argsort(m, axis=1, kind="stable")),
    "sort_nan": enc(np.sort(np.array([3.0, np.nan, -1.0, 2.0]))),
    "unique_input": enc(u), "unique": enc(np.unique(u)), "unique_counts": enc(np.unique(u, return_counts=True)[1]),
    "concat_1": enc(np.concatenate([m, m[:, :1]], axis=1)),
    "stack_1": enc(np.stack([m, m * 2], axis=1)),
    "take_1": enc(np.take(m, [2, 0, 2], axis=1)),
    "mask": enc(m[m > 1.0]),
    # int64 beyond 2^53: distinct values stay distinct (they merged when compared as doubles)
    "unique_big_input": enc(unique_big), "unique_big": enc(np.unique(unique_big)),
    "unique_big_counts": enc(np.unique(unique_big, return_counts=True)[1]),
    "argsort_big": enc(np.argsort(unique_big, kind="stable")),
})

# --- linear algebra ----------------------------------------------------------------
A = np.array([[4.0, 1.0, 2.0], [1.0, 5.0, 3.0], [2.0, 3.0, 6.0]])
B = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
b = np.array([1.0, -2.0, 0.5])
R = rng.standard_normal((5, 3))
y = rng.standard_normal(5)
Q, Rq = np.linalg.qr(R)
U, S, Vt = np.linalg.svd(R, full_matrices=False)
w, V = np.linalg.eigh(A)
x, res, rank, sv = np.linalg.lstsq(R, y, rcond=None)
int_big_lhs = np.array([[2**53 + 1, 1], [2**62, 3], [np.iinfo(np.int64).max, -7]], dtype=np.int64)
int_big_rhs = np.array([[1, 3, -1], [2, 2**40, 5]], dtype=np.int64)
int_batch_lhs = np.arange(-12, 12, dtype=np.int64).reshape(2, 3, 4) * 1000003
int_batch_vec = np.array([7, -3, 2**50, 1], dtype=np.int64)
bool_lhs = np.array([[True, False], [False, False]])
bool_rhs = np.array([[True, True], [True, False]])
save("linalg.json", {
    "A": enc(A), "B": enc(B), "b": enc(b), "R": enc(R), "y": enc(y),
    "solve_vec": enc(np.linalg.solve(A, b)), "solve_mat": enc(np.linalg.solve(A, B)),
    "inv": enc(np.linalg.inv(A)), "det": num(np.linalg.det(A)),
    "det_R3": num(np.linalg.det(R[:3])),
    "cholesky": enc(np.linalg.cholesky(A)),
    "qr_r_abs_diag": enc(np.abs(np.diag(Rq))), "svd_s": enc(S), "eigh_w": enc(w),
    "lstsq_x": enc(x), "lstsq_res": enc(res), "lstsq_rank": int(rank), "lstsq_sv": enc(sv),
    "singular": enc(np.array([[1.0, 2.0], [2.0, 4.0]])),
    "not_pd": enc(np.array([[1.0, 2.0], [2.0, 1.0]])),
    "matmul_AB": enc(A @ B), "matmul_BtA": enc(B.T @ A), "matmul_Ab": enc(A @ b), "matmul_bA": enc(b @ A),
    "matmul_bb": enc(b @ b),
    "batch_lhs": enc(np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 10),
    "batch_rhs": enc(np.arange(8, dtype=np.float64).reshape(4, 2) - 3),
    "batch_result": enc((np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 10) @ (np.arange(8, dtype=np.float64).reshape(4, 2) - 3)),
    "bcast_lhs": enc(np.ones((2, 1, 2, 3))), "bcast_rhs": enc(np.arange(18, dtype=np.float64).reshape(3, 3, 2)),
    "bcast_result": enc(np.ones((2, 1, 2, 3)) @ np.arange(18, dtype=np.float64).reshape(3, 3, 2)),
    "int_matmul": enc(np.array([[1, 2], [3, 4]], dtype=np.int64) @ np.array([[5], [6]], dtype=np.int64)),
    "f32_matmul": enc(A.astype(np.float32) @ B.astype(np.float32)),
    # int64 products are exact and wrap (a trip through float64 rounds 2^53 + 1 and saturates)
    "int_big_lhs": enc(int_big_lhs), "int_big_rhs": enc(int_big_rhs),
    "int_big_result": enc(int_big_lhs @ int_big_rhs),
    "int_batch_lhs": enc(int_batch_lhs), "int_batch_vec": enc(int_batch_vec),
    "int_batch_result": enc(int_batch_lhs @ int_batch_vec),
    "bool_lhs": enc(bool_lhs), "bool_rhs": enc(bool_rhs), "bool_result": enc(bool_lhs @ bool_rhs),
})
print("fixtures written")

# --- PCG64: our seeding (pcg_setseq_128_srandom_r), then NumPy's PCG64 from that state -------
MASK = (1 << 128) - 1
MULT = (2549297995355413924 << 64) + 4865540595714422341
def pcg_seeded_state(seed, stream=0x5851F42D4C957F2D):
    inc = ((stream << 1) | 1) & MASK
    state = (0 * MULT + inc) & MASK
    state = (state + seed) & MASK
    state = (state * MULT + inc) & MASK
    return state, inc
pcg = []
for seed in [42, 0, 2**64 - 1]:
    state, inc = pcg_seeded_state(seed)
    bg = np.random.PCG64()
    bg.state = {"bit_generator": "PCG64", "state": {"state": state, "inc": inc}, "has_uint32": 0, "uinteger": 0}
    pcg.append({"seed": str(seed), "raw": [str(int(v)) for v in bg.random_raw(5)]})
save("pcg64.json", pcg)

# rand / randn for seed 42 as Tensor.rand / Tensor.randn draw them (53-bit uniforms;
# Marsaglia's polar method keeping the first deviate of each accepted pair).
state, inc = pcg_seeded_state(42)
bg = np.random.PCG64()
bg.state = {"bit_generator": "PCG64", "state": {"state": state, "inc": inc}, "has_uint32": 0, "uinteger": 0}
raw = [int(v) for v in bg.random_raw(200)]
uniforms = [(r >> 11) * 2.0**-53 for r in raw]
normals = []
i = 0
while len(normals) < 5:
    u = 2 * uniforms[i] - 1
    v = 2 * uniforms[i + 1] - 1
    i += 2
    s = u * u + v * v
    if 0 < s < 1:
        normals.append(u * math.sqrt(-2 * math.log(s) / s))
save("random.json", {"rand_seed42": [num(u) for u in uniforms[:5]], "randn_seed42": [num(v) for v in normals]})
