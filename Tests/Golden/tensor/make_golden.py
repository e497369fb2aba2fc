"""Writes the tensor golden tests (Tests/Golden/tensor/*.mlx) with NumPy's answers.

Run from this folder: python3 make_golden.py   (needs numpy; tested with numpy 2.4)

Each test is a list of Melix lines; a line's expected output is computed here with NumPy and
formatted as Melix prints it (floats as Python's repr, true/false, tensors as NumPy's repr with
'tensor(' in place of 'array(' plus shape and dtype). Random draws come from Melix's own PCG64
stream, which is not NumPy's: those values are pinned from Melix and marked so.
"""
import math
import os
import warnings

import numpy as np

np.seterr(all="ignore")  # nan and inf results are what some tests check

HERE = os.path.dirname(os.path.abspath(__file__))


def tensor(a):
    """A NumPy array as Melix displays a tensor."""
    a = np.asarray(a)
    prefix = "tensor("
    body = np.array2string(a, max_line_width=75, separator=", ", prefix=prefix, suffix=")")
    arr = prefix + body + ","
    tail = "shape=[" + ", ".join(str(n) for n in a.shape) + f"], dtype={a.dtype})"
    last = arr.split("\n")[-1]
    spacer = "\n" + " " * len(prefix) if len(last) + len(tail) + 1 > 75 else " "
    return arr + spacer + tail


def mx(v, top=True):
    """A value as Melix's print shows it."""
    if isinstance(v, np.ndarray):
        return tensor(v)
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, str):
        return v if top else '"' + v + '"'
    if isinstance(v, list):
        return "[" + ", ".join(mx(x, False) for x in v) + "]"
    if isinstance(v, tuple):
        if len(v) == 1:
            return "(" + mx(v[0], False) + ",)"
        return "(" + ", ".join(mx(x, False) for x in v) + ")"
    if v is None:
        return "nil"
    raise TypeError(type(v))


def out(*values):
    """The stdout lines of `print(*values)`."""
    return " ".join(mx(v) for v in values).split("\n")


def write(name, header, lines):
    """lines: (code, expected-lines or None) or (code, ('error', message))."""
    text = [f"# {header}"] if header else []
    for code, expected in lines:
        if expected is None:
            text.append(code)
        elif isinstance(expected, tuple) and expected[0] == "error":
            text.append(f"{code}  # expect runtime error: {expected[1]}")
        else:
            text.append(f"{code}  # expect: {expected[0]}")
            text += [f"# expect: {e}" for e in expected[1:]]
    with open(os.path.join(HERE, name + ".mlx"), "w") as f:
        f.write("\n".join(text) + "\n")


def err(message):
    return ("error", message)


A = np.array([[1, 2], [3, 4]])
M = np.array([[1, 2, 3], [4, 5, 6]])
F = np.array([[1.5, -2.0, 0.25], [4.0, 0.5, -6.0]])
S = np.array([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])  # symmetric positive definite

# ---- creation -------------------------------------------------------------------------
write("create_from_nested_int_list", "a list of Ints gives int64", [
    ("print(tensor([[1, 2], [3, 4]]))", out(A)),
])
write("create_float_when_any_element_is_float", "one Float makes the tensor float64", [
    ("print(tensor([1, 2.5, -3]))", out(np.array([1, 2.5, -3]))),
])
write("create_bool_from_bools", "", [
    ("print(tensor([true, false, true]))", out(np.array([True, False, True]))),
])
write("create_with_dtype_float32", "", [
    ("print(tensor([1, 2], dtype: \"float32\"))", out(np.array([1, 2], dtype=np.float32))),
    ("print(tensor([1.9, -1.9], dtype: \"int64\"))", out(np.array([1.9, -1.9]).astype(np.int64))),
])
write("create_unknown_dtype_is_error", "", [
    ("tensor([1], dtype: \"complex\")", err("unknown dtype 'complex', expected 'float32', 'float64', 'int64' or 'bool'")),
])
write("create_ragged_list_is_error", "", [
    ("tensor([[1, 2], [3]])", err("argument 'data' of 'tensor': nested lists have different lengths (1 and 2)")),
])
write("create_non_number_is_error", "", [
    ("tensor([1, \"a\"])", err("argument 'data' of 'tensor': expected numbers or Bools, got String")),
])
write("create_zeros_ones_full_eye", "np.zeros((2, 3)), np.ones(3), np.full(2, 7), np.eye(2, 3)", [
    ("print(zeros([2, 3]))", out(np.zeros((2, 3)))),
    ("print(ones(3, dtype: \"int64\"))", out(np.ones(3, dtype=np.int64))),
    ("print(full([2], 7))", out(np.full(2, 7))),
    ("print(full([2], 0.5))", out(np.full(2, 0.5))),
    ("print(eye(2, 3))", out(np.eye(2, 3))),
    ("print(zeros_like(tensor([1, 2])))", out(np.zeros_like(np.array([1, 2])))),
])
write("create_zeros_accepts_a_shape_tuple", "", [
    ("let t = ones([2, 3])", None),
    ("print(zeros(t.shape).shape)", out((2, 3))),
])
write("create_negative_size_is_error", "", [
    ("zeros([2, -1])", err("argument 'shape' of 'zeros': sizes must be ≥ 0, got -1")),
])
write("create_arange", "np.arange: int64 from Ints, float64 from Floats", [
    ("print(arange(5))", out(np.arange(5))),
    ("print(arange(2, 11, 3))", out(np.arange(2, 11, 3))),
    ("print(arange(5, 0, -2))", out(np.arange(5, 0, -2))),
    ("print(arange(1, 2, 0.25))", out(np.arange(1, 2, 0.25))),
    ("print(arange(3, 1))", out(np.arange(3, 1))),
])
write("create_linspace", "np.linspace", [
    ("print(linspace(0, 1, 5))", out(np.linspace(0, 1, 5))),
    ("print(linspace(-1, 2, num: 4))", out(np.linspace(-1, 2, 4))),
    ("print(len(linspace(0, 1)))", out(50)),
])

# ---- random ---------------------------------------------------------------------------
write("random_same_seed_same_numbers", "the same seed gives the same draws; another seed others", [
    ("print(all(rand([3, 2], seed: 5) == rand([3, 2], seed: 5)))", out(True)),
    ("print(all(randn(4, seed: 5) == randn(4, seed: 5)))", out(True)),
    ("print(any(rand(4, seed: 5) != rand(4, seed: 6)))", out(True)),
])
write("random_seeded_values_are_pinned",
      "values pinned from Melix's PCG64 stream (not NumPy's); they must never change", [
    ("print(round(rand(3, seed: 7), 6))", ["tensor([0.615297, 0.167244, 0.517414], shape=[3], dtype=float64)"]),
    ("print(round(randn(3, seed: 7), 6))", ["tensor([ 0.38766 ,  0.020558, -1.126396], shape=[3], dtype=float64)"]),
    ("print(randint(0, 10, 5, seed: 7))", ["tensor([6, 1, 5, 9, 1], shape=[5], dtype=int64)"]),
    ("print(permutation(5, seed: 7))", ["tensor([4, 2, 1, 0, 3], shape=[5], dtype=int64)"]),
    ("print(choice(10, 3, seed: 7))", ["tensor([6, 1, 5], shape=[3], dtype=int64)"]),
])
write("random_session_generator_and_set_seed", "without seed: the session's generator advances", [
    ("set_seed(3)", None),
    ("let a = rand(4)", None),
    ("let b = rand(4)", None),
    ("print(any(a != b))", out(True)),
    ("set_seed(3)", None),
    ("print(all(rand(4) == a))", out(True)),
])
write("random_ranges_and_moments", "bounds and rough moments of 10000 draws", [
    ("let u = rand(10000, seed: 1)", None),
    ("print(min(u) >= 0.0, max(u) < 1.0, abs(mean(u) - 0.5) < 0.02)", out(True, True, True)),
    ("let z = randn(10000, seed: 2)", None),
    ("print(abs(mean(z)) < 0.05, abs(std(z) - 1.0) < 0.05)", out(True, True)),
    ("let k = randint(-2, 3, [10000], seed: 3)", None),
    ("print(k.dtype, min(k), max(k), len(unique(k)))", out("int64", -2, 2, 5)),
])
write("random_permutation_and_choice", "", [
    ("print(sort(permutation(6, seed: 1)))", out(np.arange(6))),
    ("print(sort(choice(5, 5, replace: false, seed: 4)))", out(np.arange(5))),
    ("print(permutation(tensor([[1, 1], [2, 2], [3, 3]]), seed: 0).shape)", out((3, 2))),
    ("choice(3, 5, replace: false, seed: 0)", err("cannot draw 5 from 3 items without replacement in 'choice'")),
])
write("random_dtype_float32", "", [
    ("print(rand(2, seed: 1, dtype: \"float32\").dtype)", out("float32")),
])

# ---- conversion -----------------------------------------------------------------------
write("convert_float_int_item_tolist", "", [
    ("print(float(tensor([2])))", out(2.0)),
    ("print(int(tensor([-2.7])))", out(-2)),
    ("print(tensor([[5]]).item(), tensor([true]).item())", out(5, True)),
    ("print(tensor([[1, 2], [3, 4]]).tolist())", out([[1, 2], [3, 4]])),
    ("print(tensor([0.5, 1.0]).tolist())", out([0.5, 1.0])),
])
write("convert_float_of_many_elements_is_error", "", [
    ("float(tensor([1, 2]))", err("'item' needs a tensor with one element, got [2]")),
])
write("convert_astype", "np.astype: floats truncate toward zero, nonzero is true", [
    ("print(tensor([1.7, -1.7, 0.0]).astype(\"int64\"))", out(np.array([1.7, -1.7, 0.0]).astype(np.int64))),
    ("print(tensor([1.7, -1.7, 0.0]).astype(\"bool\"))", out(np.array([1.7, -1.7, 0.0]).astype(bool))),
    ("print(tensor([1, 2]).astype(\"float32\"))", out(np.array([1, 2]).astype(np.float32))),
])

# ---- dtype promotion ------------------------------------------------------------------
i2 = np.array([1, 2])
f32 = np.array([1.0, 2.0], dtype=np.float32)
write("promote_int_and_scalars", "NumPy 2 rules: Python scalars are weak", [
    ("let i = tensor([1, 2])", None),
    ("print((i + 1).dtype, (i + 0.5).dtype, (i / 2).dtype, (i // 2).dtype)",
     out(str((i2 + 1).dtype), str((i2 + 0.5).dtype), str((i2 / 2).dtype), str((i2 // 2).dtype))),
    ("let f = tensor([1, 2], dtype: \"float32\")", None),
    ("print((f + 1).dtype, (f * 2.5).dtype, (f + i).dtype)", out(str((f32 + 1).dtype), str((f32 * 2.5).dtype), str((f32 + i2).dtype))),
    ("print(i / 2)", out(i2 / 2)),
])

# ---- operators and broadcasting -------------------------------------------------------
col = np.array([[1], [2], [3]])
row = np.array([10, 20])
write("broadcast_column_and_row", "np.array([[1],[2],[3]]) + np.array([10, 20])", [
    ("print(tensor([[1], [2], [3]]) + tensor([10, 20]))", out(col + row)),
])
write("broadcast_scalar_on_either_side", "", [
    ("let t = tensor([1.0, 2.0, 4.0])", None),
    ("print(1 - t)", out(1 - np.array([1.0, 2.0, 4.0]))),
    ("print(t - 1)", out(np.array([1.0, 2.0, 4.0]) - 1)),
    ("print(2 ** tensor([1, 2, 3]))", out(2 ** np.array([1, 2, 3]))),
    ("print(t ** 2)", out(np.array([1.0, 2.0, 4.0]) ** 2)),
    ("print(10 / t)", out(10 / np.array([1.0, 2.0, 4.0]))),
])
write("broadcast_with_a_list", "", [
    ("print(tensor([1, 2]) * [3, 4])", out(np.array([1, 2]) * np.array([3, 4]))),
    ("print([[1], [2]] + tensor([1, 1]))", out(np.array([[1], [2]]) + np.array([1, 1]))),
])
write("floor_division_and_modulo", "Python's signs: np.floor_divide and np.mod", [
    ("print(tensor([-7, 7]) // 2, tensor([-7, 7]) % 3)", out(np.array([-7, 7]) // 2, np.array([-7, 7]) % 3)),
    ("print(tensor([-7.5, 7.5]) % 2)", out(np.array([-7.5, 7.5]) % 2)),
])
write("comparisons_are_element_wise", "", [
    ("let t = tensor([1, 2, 3])", None),
    ("print(t > 1)", out(np.array([1, 2, 3]) > 1)),
    ("print(t == 2)", out(np.array([1, 2, 3]) == 2)),
    ("print(2 <= t)", out(2 <= np.array([1, 2, 3]))),
    ("print(t != tensor([1, 0, 3]))", out(np.array([1, 2, 3]) != np.array([1, 0, 3]))),
])
write("unary_minus", "", [
    ("print(-tensor([[1.5, -2.0]]))", out(-np.array([[1.5, -2.0]]))),
])
write("matmul_operator", "np.array([[1,2,3],[4,5,6]]) @ np.array([[1,2],[3,4],[5,6]]), and a vector", [
    ("let m = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(m @ tensor([[1, 2], [3, 4], [5, 6]]))", out(M @ np.array([[1, 2], [3, 4], [5, 6]]))),
    ("print(m @ tensor([1.0, 0.5, 2.0]))", out(M @ np.array([1.0, 0.5, 2.0]))),
    ("print(dot(tensor([1, 2, 3]), tensor([4, 5, 6])))", out(int(np.dot([1, 2, 3], [4, 5, 6])))),
])
write("broadcast_error_names_both_shapes", "the caret is under '+' (see TensorCaretTests)", [
    ("let a = zeros([2, 3])", None),
    ("print(a + ones(4))", err("cannot broadcast [2, 3] with [4] in '+'")),
])
write("matmul_shape_error", "", [
    ("let a = zeros([2, 3])", None),
    ("let b = zeros([2, 3])", None),
    ("print(a.shape)", out((2, 3))),
    ("a @ b", err("matmul needs [m, k] × [k, n], got [2, 3] × [2, 3]")),
])
write("operator_with_a_string_is_error", "", [
    ("tensor([1]) + \"a\"", err("unsupported operand types for '+': Tensor and String")),
])
write("compound_assignment", "", [
    ("var t = tensor([1, 2])", None),
    ("t += 1", None),
    ("t *= tensor([2, 3])", None),
    ("print(t)", out((np.array([1, 2]) + 1) * np.array([2, 3]))),
])

# ---- indexing -------------------------------------------------------------------------
write("index_rows_and_elements", "an element comes back as a number", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(t[0])", out(M[0])),
    ("print(t[1, 2], t[-1, -3])", out(int(M[1, 2]), int(M[-1, -3]))),
    ("print(t[0][1])", out(int(M[0][1]))),
    ("print(tensor([0.5, 1.5])[1])", out(1.5)),
])
write("index_slices", "M[:, 1:3], M[::2], M[:, ::-1]", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(t[:, 1:3])", out(M[:, 1:3])),
    ("print(arange(6)[::2])", out(np.arange(6)[::2])),
    ("print(t[:, ::-1])", out(M[:, ::-1])),
    ("print(t[1:, :1])", out(M[1:, :1])),
])
write("index_mask", "M[M > 2]", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(t[t > 2])", out(M[M > 2])),
    ("print(t[tensor([false, true])])", out(M[np.array([False, True])])),
])
write("index_integer_lists", "M[[1, 0, 1]] and M[:, [0, 2]]", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(t[[1, 0, 1]])", out(M[[1, 0, 1]])),
    ("print(t[:, [0, 2]])", out(M[:, [0, 2]])),
])
write("index_nil_adds_an_axis", "", [
    ("print(arange(3)[nil].shape, arange(3)[:, nil].shape)", out((1, 3), (3, 1))),
])
write("index_out_of_range_is_error", "", [
    ("let t = zeros([3, 2])", None),
    ("t[5]", err("index 5 is out of range for axis 0 with size 3")),
])
write("index_too_many_is_error", "", [
    ("let t = zeros([3, 2])", None),
    ("t[1, 1, 1]", err("too many indices: 3 given for a tensor of rank 2")),
])
write("index_float_is_error", "", [
    ("zeros(3)[1.5]", err("tensor index: expected Int, slice, list of Ints or a Bool mask, got Float")),
])
write("index_mask_shape_is_error", "", [
    ("let t = zeros([2, 3])", None),
    ("t[tensor([true, false, true])]", err("shape mismatch in 'mask': expected [2], got [3]")),
])

M2 = M.copy(); M2[M2 > 4] = 0
S1 = M.copy(); S1[0, :] = 9
S2 = M.copy(); S2[:, 1] = [7, 8]
write("assign_mask", "t[t > 4] = 0", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("t[t > 4] = 0", None),
    ("print(t)", out(M2)),
])
write("assign_mask_converts_to_dtype", "writing a Float into an int64 tensor truncates, as NumPy", [
    ("let t = tensor([-1, 2, -3])", None),
    ("t[t < 0] = 0.9", None),
    ("print(t)", out(np.array([0, 2, 0]))),
])
write("assign_slices", "t[0, :] = 9 and t[:, 1] = [7, 8]", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("t[0, :] = 9", None),
    ("print(t)", out(S1)),
    ("let u = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("u[:, 1] = [7, 8]", None),
    ("print(u)", out(S2)),
])
S3 = M.copy(); S3[[0, 1], 2] = [-1, -2]
write("assign_integer_list", "t[[0, 1], 2] = [-1, -2]", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("t[[0, 1], 2] = [-1, -2]", None),
    ("print(t)", out(S3)),
])
write("assign_shape_error", "", [
    ("let t = zeros([2, 3])", None),
    ("t[0] = [1, 2]", err("cannot broadcast [2] with [3] in 'assign'")),
])
write("assign_is_seen_through_every_name", "binding shares the tensor, as NumPy arrays and Melix lists", [
    ("let a = zeros(2)", None),
    ("let b = a", None),
    ("b[0] = 5", None),
    ("print(a)", out(np.array([5.0, 0.0]))),
])
write("iterate_rows", "", [
    ("for row in tensor([[1, 2], [3, 4]]) {", None),
    ("  print(row)", None),
    ("}", None),
    ("# expect: " + tensor(A[0]), None),
    ("# expect: " + tensor(A[1]), None),
    ("for x in tensor([0.5, 1.5]) { print(x) }", None),
    ("# expect: 0.5", None),
    ("# expect: 1.5", None),
    ("print(len(zeros([4, 2])))", out(4)),
])

# ---- members --------------------------------------------------------------------------
write("members", "shape is a Tuple, as NumPy's; dtype a String", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(t.shape, t.dtype, t.ndim, t.size)", out((2, 3), "int64", 2, 6)),
    ("print(t.T)", out(M.T)),
    ("print(zeros(3).shape, tensor(5).shape)", out((3,), ())),
    ("print(type(t))", out("Tensor")),
])
write("unknown_member_is_error", "", [
    ("zeros(2).colour", err("Tensor has no member 'colour'")),
])

# ---- reductions -----------------------------------------------------------------------
write("reduce_sum", "np.sum over all axes, an axis, and keepdims", [
    ("let t = tensor([[1, 2, 3], [4, 5, 6]])", None),
    ("print(sum(t), sum(t, axis: 0), t.sum(axis: 1))", out(int(M.sum()), M.sum(axis=0), M.sum(axis=1))),
    ("print(t.sum(axis: 1, keepdims: true))", out(M.sum(axis=1, keepdims=True))),
    ("print(sum(t, axis: [0, 1]))", out(int(M.sum(axis=(0, 1))))),
])
write("reduce_mean_var_std", "np.mean, np.var, np.std (ddof 0 and 1)", [
    ("let t = tensor([[1.5, -2.0, 0.25], [4.0, 0.5, -6.0]])", None),
    ("print(t.mean(), t.var(), t.std())", out(float(F.mean()), float(F.var()), float(F.std()))),
    ("print(mean(t, axis: 0))", out(F.mean(axis=0))),
    ("print(variance(t, axis: 1, ddof: 1))", out(F.var(axis=1, ddof=1))),
    ("print(std(t, axis: 1, ddof: 1))", out(F.std(axis=1, ddof=1))),
])
write("reduce_min_max_arg", "np.min, np.max, np.argmin, np.argmax", [
    ("let t = tensor([[1.5, -2.0, 0.25], [4.0, 0.5, -6.0]])", None),
    ("print(min(t), max(t), argmin(t), argmax(t))", out(float(F.min()), float(F.max()), int(F.argmin()), int(F.argmax()))),
    ("print(t.min(axis: 0), t.argmax(axis: 1))", out(F.min(axis=0), F.argmax(axis=1))),
])
write("reduce_prod_any_all_cumsum", "", [
    ("print(prod(tensor([1, 2, 3, 4])), any(tensor([0, 0, 1])), all(tensor([1, 0, 1])))", out(24, True, False)),
    ("print(all(tensor([[true, false], [true, true]]), axis: 1))", out(np.array([[True, False], [True, True]]).all(axis=1))),
    ("print(cumsum(tensor([[1, 2], [3, 4]]), axis: 0))", out(np.cumsum(A, axis=0))),
    ("print(cumsum(tensor([[1, 2], [3, 4]])))", out(np.cumsum(A))),
])
write("reduce_axis_out_of_range_is_error", "", [
    ("sum(zeros([2, 2]), axis: 2)", err("axis 2 is out of range for a tensor of rank 2")),
])
write("list_builtins_still_work", "sum/min/max/abs/round/len of numbers and lists are unchanged", [
    ("print(sum([1, 2, 3]), min(3, 1, 2), max([4, 5]), abs(-3), round(2.5), len([1, 2]))", out(6, 1, 5, 3, 2, 2)),
    ("print(exp(0), sqrt(4.0), float(2), int(2.7))", out(1.0, 2.0, 2.0, 2)),
])

# ---- element-wise functions -----------------------------------------------------------
x = np.array([0.5, 1.0, 2.0])
write("math_exp_log_sqrt_tanh", "np.exp, np.log, np.sqrt, np.tanh, np.abs", [
    ("let x = tensor([0.5, 1.0, 2.0])", None),
    ("print(exp(x))", out(np.exp(x))),
    ("print(log(x))", out(np.log(x))),
    ("print(sqrt(x))", out(np.sqrt(x))),
    ("print(tanh(x))", out(np.tanh(x))),
    ("print(abs(tensor([-1, 2])), log1p(tensor([0.0])))", out(np.abs(np.array([-1, 2])), np.log1p(np.array([0.0])))),
])
logits = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, -1.0]])
sm = np.exp(logits - logits.max(axis=1, keepdims=True)); sm = sm / sm.sum(axis=1, keepdims=True)
lse = np.log(np.exp(logits).sum(axis=1))
write("math_sigmoid_relu_softmax", "scipy.special.expit, np.maximum(x, 0), softmax and log_softmax along the last axis", [
    ("let z = tensor([[1.0, 2.0, 3.0], [1.0, 1.0, -1.0]])", None),
    ("print(sigmoid(tensor([-1.0, 0.0, 1.0])))", out(1 / (1 + np.exp(-np.array([-1.0, 0.0, 1.0]))))),
    ("print(relu(tensor([-1.0, 0.0, 2.0])))", out(np.maximum(np.array([-1.0, 0.0, 2.0]), 0))),
    ("print(softmax(z))", out(sm)),
    ("print(log_softmax(z))", out(logits - lse[:, None])),
    ("print(logsumexp(z, axis: 1))", out(lse)),
])
write("math_softmax_is_stable", "large logits do not overflow", [
    ("print(softmax(tensor([1000.0, 1000.0])))", out(np.array([0.5, 0.5]))),
    ("print(logsumexp(tensor([1000.0, 1000.0])))", out(1000.0 + math.log(2))),
])
write("math_clip_where_maximum", "np.clip, np.where, np.maximum", [
    ("print(clip(tensor([-2, 0, 5]), 0, 3))", out(np.clip(np.array([-2, 0, 5]), 0, 3))),
    ("print(clip(tensor([-2.5, 0.5]), nil, 0.0))", out(np.clip(np.array([-2.5, 0.5]), None, 0.0))),
    ("print(where(tensor([1, -1, 2]) > 0, 1.0, 0.0))", out(np.where(np.array([1, -1, 2]) > 0, 1.0, 0.0))),
    ("print(maximum(tensor([1, 5]), 3))", out(np.maximum(np.array([1, 5]), 3))),
])
write("math_round_floor_ceil_isnan", "np.round halves to even", [
    ("print(round(tensor([0.5, 1.5, 2.5, -0.5])))", out(np.round(np.array([0.5, 1.5, 2.5, -0.5])))),
    ("print(round(tensor([1.2345, -2.5678]), 2))", out(np.round(np.array([1.2345, -2.5678]), 2))),
    ("print(floor(tensor([-1.5, 1.5])), ceil(tensor([-1.5, 1.5])))", out(np.floor(np.array([-1.5, 1.5])), np.ceil(np.array([-1.5, 1.5])))),
    ("print(isnan(tensor([1.0, nan])), isfinite(tensor([1.0, inf])))", out(np.isnan(np.array([1.0, np.nan])), np.isfinite(np.array([1.0, np.inf])))),
])
write("math_nan_and_inf_follow_ieee", "np.log(0), np.sqrt(-1), 1/0 in float64", [
    ("print(log(tensor([0.0])), sqrt(tensor([-1.0])), tensor([1.0]) / 0)", out(np.array([-np.inf]), np.array([np.nan]), np.array([np.inf]))),
])

# ---- shape ----------------------------------------------------------------------------
write("shape_reshape_flatten_transpose", "", [
    ("let t = arange(6)", None),
    ("print(t.reshape([3, -1]))", out(np.arange(6).reshape(3, -1))),
    ("print(t.reshape([2, 3]).flatten())", out(np.arange(6))),
    ("print(zeros([2, 3, 4]).transpose([1, 0, 2]).shape, zeros([1, 3, 1]).squeeze().shape, zeros(3).expand_dims(0).shape)", out((3, 2, 4), (3,), (1, 3))),
])
write("shape_reshape_error", "", [
    ("arange(6).reshape([4, -1])", err("cannot reshape a tensor of shape [6] into [4, -1]")),
])
write("shape_concat_stack_split", "np.concatenate, np.stack, np.split", [
    ("print(concat([tensor([[1, 2]]), tensor([[3, 4]])]))", out(np.concatenate([[[1, 2]], [[3, 4]]]))),
    ("print(concat([tensor([[1], [2]]), tensor([[3], [4]])], axis: 1))", out(np.concatenate([[[1], [2]], [[3], [4]]], axis=1))),
    ("print(stack([tensor([1, 2]), tensor([3, 4])], axis: 1))", out(np.stack([[1, 2], [3, 4]], axis=1))),
    ("let parts = split(arange(6), 3)", None),
    ("print(len(parts), parts[2])", out(3, np.split(np.arange(6), 3)[2])),
    ("print(split(arange(5), [2])[1])", out(np.split(np.arange(5), [2])[1])),
])
write("shape_concat_mismatch_is_error", "", [
    ("concat([zeros([2, 2]), zeros([2, 3])])", err("shape mismatch in 'concat': expected [2, 2], got [2, 3]")),
])
write("shape_sort_argsort_unique", "np.sort, np.argsort(kind='stable'), np.unique(return_counts=True)", [
    ("let t = tensor([3, 1, 2, 1])", None),
    ("print(sort(t), argsort(t))", out(np.sort([3, 1, 2, 1]), np.argsort([3, 1, 2, 1], kind="stable"))),
    ("let (values, counts) = unique(t, counts: true)", None),
    ("print(values, counts)", out(*np.unique([3, 1, 2, 1], return_counts=True))),
    ("print(sort(tensor([[3, 1], [0, 2]]), axis: 0))", out(np.sort(np.array([[3, 1], [0, 2]]), axis=0))),
])

# ---- linear algebra (rounded: BLAS and LAPACK results may differ in the last bits) --------
b = np.array([1.0, 2.0, 3.0])
q, r = np.linalg.qr(S)
# Signs of QR and SVD factors are not unique: check products and invariants.
write("linalg_solve_inv_det", "np.linalg.solve, inv, det on a symmetric positive-definite matrix", [
    ("let a = tensor([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])", None),
    ("print(round(solve(a, tensor([1.0, 2.0, 3.0])), 6))", out(np.round(np.linalg.solve(S, b), 6))),
    ("print(round(inv(a), 6))", out(np.round(np.linalg.inv(S), 6))),
    ("print(round(det(a), 6))", out(round(float(np.linalg.det(S)), 6))),
])
write("linalg_cholesky_qr", "np.linalg.cholesky; q @ r reproduces a and q has orthonormal columns", [
    ("let a = tensor([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])", None),
    ("print(round(cholesky(a), 6))", out(np.round(np.linalg.cholesky(S), 6))),
    ("let (q, r) = qr(a)", None),
    ("print(max(abs(q @ r - a)) < 1e-12, max(abs(q.T @ q - eye(3))) < 1e-12)", out(True, True)),
    ("print(round(abs(r), 6))", out(np.round(np.abs(r), 6))),
])
w, v = np.linalg.eigh(S)
write("linalg_svd_eigh", "np.linalg.svd singular values, np.linalg.eigh eigenvalues", [
    ("let a = tensor([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])", None),
    ("let (u, s, vt) = svd(a)", None),
    ("print(round(s, 6))", out(np.round(np.linalg.svd(S)[1], 6))),
    ("print(max(abs(u @ (s[:, nil] * vt) - a)) < 1e-12)", out(True)),
    ("let (w, v) = eigh(a)", None),
    ("print(round(w, 6))", out(np.round(w, 6))),
    ("print(max(abs(a @ v - v * w)) < 1e-12)", out(True)),
])
Aq = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]); yq = np.array([1.0, 2.0, 2.5])
sol, res, rank, sv = np.linalg.lstsq(Aq, yq, rcond=None)
write("linalg_lstsq_norm", "np.linalg.lstsq(rcond=None), np.linalg.norm", [
    ("let (x, residuals, rank, sv) = lstsq(tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), tensor([1.0, 2.0, 2.5]))", None),
    ("print(round(x, 6), round(residuals, 6), rank)", out(np.round(sol, 6), np.round(res, 6), int(rank))),
    ("print(round(sv, 6))", out(np.round(sv, 6))),
    ("print(norm(tensor([3.0, 4.0])), norm(tensor([[1, 2], [3, 4]])))", out(5.0, float(np.linalg.norm(A)))),
    ("print(norm(tensor([[3.0, 4.0], [6.0, 8.0]]), axis: 1), norm(tensor([1.0, -2.0]), ord: 1))", out(np.linalg.norm([[3.0, 4.0], [6.0, 8.0]], axis=1), 3.0)),
])
write("linalg_singular_is_error", "", [
    ("inv(tensor([[1.0, 2.0], [2.0, 4.0]]))", err("matrix is singular in 'inv'")),
])
write("linalg_not_positive_definite_is_error", "", [
    ("cholesky(tensor([[1.0, 2.0], [2.0, 1.0]]))", err("matrix is not positive definite in 'cholesky'")),
])
write("linalg_solve_needs_square", "", [
    ("solve(zeros([2, 3]), zeros(2))", err("'solve' needs a square matrix [n, n], got [2, 3]")),
])

# ---- autograd -------------------------------------------------------------------------
W = np.array([[0.5, -1.0], [2.0, 0.25]]); X = np.array([[1.0, 2.0], [3.0, -1.0]])
# d/dW mean((X @ W)**2) = X.T @ (2 (X @ W) / n)
gW = X.T @ (2 * (X @ W) / (X @ W).size)
write("autograd_sum_of_squares", "d/dx sum(x*x) = 2x", [
    ("let x = tensor([1.0, -2.0, 3.0], requires_grad: true)", None),
    ("let y = sum(x * x)", None),
    ("y.backward()", None),
    ("print(x.grad)", out(np.array([2.0, -4.0, 6.0]))),
    ("print(x.requires_grad, y.requires_grad, tensor([1.0]).requires_grad)", out(True, True, False)),
])
write("autograd_matmul_mean", "d/dW mean((X @ W)^2) = X.T @ (2 (X @ W) / n), computed with NumPy", [
    ("let w = tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad: true)", None),
    ("let x = tensor([[1.0, 2.0], [3.0, -1.0]])", None),
    ("let loss = mean((x @ w) ** 2)", None),
    ("backward(loss)", None),
    ("print(round(w.grad, 10))", out(np.round(gW, 10))),
])
write("autograd_needs_a_scalar", "", [
    ("let x = tensor([1.0, 2.0], requires_grad: true)", None),
    ("backward(x * 2)", err("'backward' without a gradient needs a single-element tensor, got shape [2]")),
])
write("autograd_needs_requires_grad", "", [
    ("tensor([1.0]).backward()", err("'backward' needs a tensor that requires grad")),
])
write("autograd_int_tensor_is_error", "", [
    ("tensor([1, 2], requires_grad: true)", err("'requires_grad' needs a float tensor, got dtype int64")),
])

# ---- display --------------------------------------------------------------------------
write("display_aligned_columns", "numpy repr layout: aligned columns, shape and dtype", [
    ("print(tensor([[1.5, -2.25], [100.0, 0.001]]))", out(np.array([[1.5, -2.25], [100.0, 0.001]]))),
    ("print(tensor([[1, -20], [300, 4]]))", out(np.array([[1, -20], [300, 4]]))),
])
write("display_large_tensors_are_summarised", "more than 1000 elements: three at each edge", [
    ("print(arange(2000))", out(np.arange(2000))),
    ("print(zeros([100, 100]) + 1)", out(np.zeros((100, 100)) + 1)),
])
write("display_empty_and_scalar", "", [
    ("print(zeros([0]))", out(np.zeros(0))),
    ("print(tensor(3.5))", out(np.array(3.5))),
    ("print(str(tensor([1, 2])))", out(np.array([1, 2]))),
])

# ---- size limit: a huge request is an error, never an out-of-memory crash ----------------
write("size_limit_on_creation", "at most 2^30 elements per tensor", [
    ("zeros([100000, 100000])", err("'zeros': shape [100000, 100000] has more than 1073741824 elements")),
])
write("size_limit_on_broadcast", "the operator's result is checked before it is allocated", [
    ("let column = zeros([100000, 1])", None),
    ("column + zeros(100000)", err("result of '+' would have shape [100000, 100000], more than 1073741824 elements")),
])

# ---- every other message of the tensor built-ins --------------------------------------
write("error_nested_depths_differ", "", [
    ("tensor([[1, 2], 3])", err("argument 'data' of 'tensor': nested lists have different depths")),
])
write("error_argument_not_tensor_like", "", [
    ("tanh(\"a\")", err("argument 'x' of 'tanh': expected Tensor or List or Tuple or Int or Float or Bool, got String")),
])
write("error_dict_as_operand_list", "", [
    ("exp([{}])", err("argument 'x' of 'exp': expected numbers or Bools, got Dict")),
])
write("error_single_bool_index", "", [
    ("zeros(3)[true]", err("tensor index: a single Bool is not an index; use a mask tensor")),
])
write("error_two_index_lists", "", [
    ("zeros([2, 2])[[0], [1]]", err("tensor index: only one list of indices is supported per subscript")),
])
write("error_mask_with_other_subscripts", "", [
    ("let t = zeros([2, 2])", None),
    ("t[t[0] > 0, 0]", err("tensor index: a mask must be the only subscript")),
])
write("error_shape_with_float_size", "", [
    ("zeros([2, 1.5])", err("argument 'shape' of 'zeros': expected a list of Ints, got an element of type Float")),
])
write("error_axis_not_int", "", [
    ("sum(zeros(2), axis: \"rows\")", err("argument 'axis' of 'sum': expected Int or List or Tuple or nil, got String")),
])
write("error_axis_list_element", "", [
    ("sum(zeros([2, 2]), axis: [0, 1.5])", err("argument 'axis' of 'sum': expected Int or a list of Ints, got an element of type Float")),
])
write("error_iterate_zero_dimensional", "", [
    ("for x in tensor(1) { print(x) }", err("a zero-dimensional tensor is not iterable")),
])
write("error_rand_int_dtype", "", [
    ("rand(2, dtype: \"int64\")", err("'rand' needs a float dtype, got int64")),
])
write("error_negative_ddof", "", [
    ("std(zeros(3), ddof: -1)", err("argument 'ddof' of 'std' must be ≥ 0")),
])
write("error_split_sections", "", [
    ("split(arange(6), 0)", err("argument 'sections' of 'split' must be > 0, got 0")),
])
write("error_split_unequal", "", [
    ("split(arange(5), 2)", err("axis of size 5 does not split into 2 equal sections in 'split'")),
])
write("error_norm_ord", "", [
    ("norm(zeros(2), ord: 3)", err("argument 'ord' of 'norm': expected nil, 1, 2 or inf, got 3.0")),
])
write("error_int_of_nan", "", [
    ("int(tensor([nan]))", err("cannot convert nan to Int")),
])
write("error_randint_empty_range", "", [
    ("randint(5, 5, 3, seed: 0)", err("high (5) must be greater than low (5) in 'randint'")),
])
write("error_backward_gradient_shape", "", [
    ("let x = tensor([1.0, 2.0], requires_grad: true)", None),
    ("backward(x * 2, gradient: tensor([1.0]))", err("shape mismatch in 'backward': expected [2], got [1]")),
])

V = np.zeros((2, 3)); V[0][1] = 5; V[1][2] = 7; V[:, 1:][0, 1] = -1
write("assign_through_a_view_writes_back", "basic indexing gives a view, as NumPy: a[0][1] = 5 changes a; a gather is a copy", [
    ("let a = zeros([2, 3])", None),
    ("a[0][1] = 5", None),
    ("let row = a[1]", None),
    ("row[2] = 7", None),
    ("let block = a[:, 1:]", None),
    ("block[0, 1] = -1", None),
    ("print(a)", out(V)),
    ("let copy = a[[0]]", None),
    ("copy[0, 0] = 100", None),
    ("print(a[0, 0])", out(0.0)),
])

# ---- corners: empty tensors, nan and inf, float32, broadcasting --------------------------
write("corner_empty_tensors", "np.zeros((0, 3)).sum(axis=0); np.mean of empty is nan", [
    ("print(zeros([0, 3]).sum(axis: 0))", out(np.zeros((0, 3)).sum(axis=0))),
    ("print(zeros([0, 3]).shape, zeros([0, 3]).size, len(zeros([0, 3])))", out((0, 3), 0, 0)),
    ("print(mean(zeros([0])), sum(zeros([0])), prod(zeros([0])))", out(float("nan"), 0.0, 1.0)),
    ("print(zeros([0, 3]) + ones(3))", out(np.zeros((0, 3)) + np.ones(3))),
    ("print(tensor([]), tensor([]).dtype)", out(np.array([]), "float64")),
])
write("corner_empty_max_is_error", "NumPy: zero-size array to reduction operation maximum which has no identity", [
    ("max(zeros([0]))", err("zero-size reduction has no identity in 'max'")),
])
write("corner_nan_and_inf", "np.max propagates nan, np.argmax finds the first nan, np.sort puts nan last", [
    ("let t = tensor([1.0, nan, 3.0])", None),
    ("print(max(t), argmax(t), sum(t))", out(float("nan"), int(np.argmax([1.0, np.nan, 3.0])), float("nan"))),
    ("print(sort(tensor([nan, 1.0, -inf])))", out(np.sort([np.nan, 1.0, -np.inf]))),
    ("print(tensor([inf, -inf]) * 0, tensor([1.0, nan]) == tensor([1.0, nan]))", out(np.array([np.inf, -np.inf]) * 0, np.array([1.0, np.nan]) == np.array([1.0, np.nan]))),
])
f32a = np.array([0.1, 0.2], dtype=np.float32)
write("corner_float32_arithmetic", "float32 stays float32 with Python-number operands, as NumPy 2", [
    ("let f = tensor([0.1, 0.2], dtype: \"float32\")", None),
    ("print(f * 3)", out(f32a * 3)),
    ("print(f + f, (f + f).dtype)", out(f32a + f32a, "float32")),
    ("print(f.sum(), mean(f))", out(float(np.float32(f32a.sum())), float(np.float32(f32a.mean())))),
    ("print(exp(f))", out(np.exp(f32a))),
])
write("corner_broadcast_shapes", "broadcasting corners: size-1 axes on both sides, scalars, added leading axes", [
    ("print((zeros([3, 1]) * zeros([1, 3])).shape, (zeros([2, 1, 3]) + zeros([4, 1])).shape)", out((3, 3), (2, 4, 3))),
    ("print((tensor(2) + zeros([1])).shape, (tensor(2) * tensor(3)).shape)", out((1,), ())),
    ("print(tensor([[1], [2]]) - tensor([[10, 20, 30]]))", out(np.array([[1], [2]]) - np.array([[10, 20, 30]]))),
])

xl = np.array([-2, 1, 3, 6])
write("mask_combination_with_logical_functions", "np.logical_and/or/xor/not, as '&', '|', '^', '~' on masks", [
    ("let x = tensor([-2, 1, 3, 6])", None),
    ("print(x[logical_and(x > 0, x < 5)])", out(xl[(xl > 0) & (xl < 5)])),
    ("print(logical_or(x < 0, x > 5), logical_not(x > 0))", out((xl < 0) | (xl > 5), ~(xl > 0))),
    ("print(logical_xor(x > 0, x > 2))", out((xl > 0) ^ (xl > 2))),
])

write("create_from_ranges", "np.array(range(4)), np.array([range(0, 2), range(2, 4)])", [
    ("print(tensor(range(4)))", out(np.array(range(4)))),
    ("print(tensor([0..<2, 2..<4]))", out(np.array([range(0, 2), range(2, 4)]))),
    ("print(tensor(1...3) * 2.0)", out(np.array([1, 2, 3]) * 2.0)),
    ("tensor(\"ab\")", err("argument 'data' of 'tensor': expected Tensor or a list of numbers, got String")),
])

R = np.zeros((3, 2)); R[np.array([True, False, True])] = [[1, 2], [3, 4]]
R2 = R.copy(); R2[np.array([False, True, False])] = 7
write("assign_row_mask", "a mask over the rows: X[mask] = rows, as NumPy", [
    ("let x = zeros([3, 2])", None),
    ("x[tensor([true, false, true])] = [[1, 2], [3, 4]]", None),
    ("print(x)", out(R)),
    ("x[tensor([false, true, false])] = 7", None),
    ("print(x)", out(R2)),
    ("x[tensor([true, false, true])] = [[1, 2, 3]]", err("cannot broadcast [1, 3] with [2, 2] in 'assign'")),
])

write("index_large_int64_is_exact", "int64 elements beyond 2^53 read back exactly", [
    ("let t = tensor([9007199254740993, -1])", None),
    ("print(t[0], t[-1], t.tolist())", out(9007199254740993, -1, [9007199254740993, -1])),
])

write("autograd_requires_grad_member", "t.requires_grad = true, as PyTorch's requires_grad_(); d/dw sum((w - c)^2) = 2 (w - c)", [
    ("let w = zeros(2)", None),
    ("w.requires_grad = true", None),
    ("sum((w - tensor([1.0, 2.0])) ** 2).backward()", None),
    ("print(w.grad, w.requires_grad)", out(2 * (np.zeros(2) - np.array([1.0, 2.0])), True)),
    ("w.requires_grad = false", None),
    ("print(w.requires_grad, w.grad)", out(False, None)),
    ("w.shape = [3]", err("cannot set member 'shape' of Tensor")),
])

# ---- the remaining built-ins, so each appears in a golden file ---------------------------
write("remaining_builtins", "np.ones_like, np.sign, softplus = np.log1p(np.exp(x)), np.minimum, np.matmul", [
    ("print(ones_like(tensor([[1.5, 2.0]])))", out(np.ones_like(np.array([[1.5, 2.0]])))),
    ("print(sign(tensor([-2.0, 0.0, 3.0])), sign(tensor([-5, 5])))", out(np.sign(np.array([-2.0, 0.0, 3.0])), np.sign(np.array([-5, 5])))),
    ("print(softplus(tensor([-1.0, 0.0, 2.0])))", out(np.log1p(np.exp(np.array([-1.0, 0.0, 2.0]))))),
    ("print(minimum(tensor([1, 5]), 3))", out(np.minimum(np.array([1, 5]), 3))),
    ("print(matmul(tensor([[1, 2]]), tensor([[3], [4]])))", out(np.matmul([[1, 2]], [[3], [4]]))),
])
write("autograd_zero_grad_and_detach", "gradients add up across backward calls until zero_grad; detach drops the graph", [
    ("let x = tensor([1.0, 2.0], requires_grad: true)", None),
    ("sum(x * 3).backward()", None),
    ("sum(x * 3).backward()", None),
    ("print(x.grad)", out(np.array([6.0, 6.0]))),
    ("zero_grad(x)", None),
    ("print(x.grad)", out(None)),
    ("let d = detach(x * 2)", None),
    ("print(d, d.requires_grad)", out(np.array([2.0, 4.0]), False)),
])

# ---- found by the third break session --------------------------------------------------
write("matmul_int64_is_exact", "int64 '@' is exact and wraps as NumPy's (it went through float64: 2^53 + 1 became 2^53, overflow saturated); bool @ bool is bool", [
    ("print(tensor([[9007199254740993, 1]]) @ tensor([[1], [0]]))", out(np.array([[2**53 + 1, 1]]) @ np.array([[1], [0]]))),
    ("print(tensor([9223372036854775807, 1]) @ tensor([2, 1]))", out(np.array(np.array([2**63 - 1, 1]) @ np.array([2, 1])))),
    ("print(tensor([[true, false]]) @ tensor([[false], [true]]))", out(np.array([[True, False]]) @ np.array([[False], [True]]))),
])
T23 = np.zeros((2, 3))
T23[0] = np.ones((1, 3))
T23[1:] = T23[1:] - np.array([[[1.0, 2.0, 3.0]]])
write("assign_drops_leading_unit_axes", "a value with extra leading axes of size 1 fits a selection of lower rank, as NumPy (it was 'cannot broadcast [1, 3] with [3]')", [
    ("let t = zeros([2, 3])", None),
    ("t[0] = ones([1, 3])", None),
    ("t[1:] = t[1:] - tensor([[[1.0, 2.0, 3.0]]])", None),
    ("print(t)", out(T23)),
    ("t[0] = zeros([2, 3])", err("cannot broadcast [2, 3] with [3] in 'assign'")),
])
DL = np.array([1.0, 7.0, -1.0, np.inf, -5.0, -0.0, 0.0, 6.0])
DR = np.array([0.1, 0.1, 0.1, 2.0, np.inf, 2.0, -2.0, -3.0])
write("floor_division_of_floats_matches_numpy", "np.floor_divide and np.remainder through the exact remainder: 1.0 // 0.1 is 9 (it was 10), inf // 2 is nan, -5 // inf is -1, a zero remainder takes the divisor's sign", [
    ("let a = tensor([1.0, 7.0, -1.0, inf, -5.0, -0.0, 0.0, 6.0])", None),
    ("let b = tensor([0.1, 0.1, 0.1, 2.0, inf, 2.0, -2.0, -3.0])", None),
    ("print(a // b)", out(np.floor_divide(DL, DR))),
    ("print(a % b)", out(np.remainder(DL, DR))),
    ("print(a.astype(\"float32\") // b.astype(\"float32\"))", out(np.floor_divide(DL.astype(np.float32), DR.astype(np.float32)))),
])
V = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]])
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # "Degrees of freedom <= 0 for slice"
    V_VAR3, V_STD4, V_VAR5, V_VAR7 = V.var(axis=1, ddof=3), V.std(axis=1, ddof=4), V.var(ddof=5), V.var(ddof=7)
write("reduce_var_with_ddof_at_least_n", "np.var divides by max(n - ddof, 0): inf, or nan for zero deviations (it gave a negative variance)", [
    ("let t = tensor([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]])", None),
    ("print(t.var(axis: 1, ddof: 3), std(t, axis: 1, ddof: 4))", out(V_VAR3, V_STD4)),
    ("print(variance(t, ddof: 5), variance(t, ddof: 7))", out(V_VAR5, V_VAR7)),
])
write("error_reshape_two_unknown_dimensions", "as NumPy's 'can only specify one unknown dimension'", [
    ("arange(12).reshape([-1, -1])", err("can only specify one unknown dimension (-1), got [-1, -1] in 'reshape'")),
])
write("matmul_batch_mismatch_names_both_shapes", "batch axes that do not broadcast: the message names both operands (it named only [2] and [3])", [
    ("ones([2, 3, 4]) @ ones([3, 4, 2])", err("cannot broadcast [2, 3, 4] with [3, 4, 2] in 'matmul'")),
])
write("shape_split_at_negative_and_large_positions", "np.split at positions: negative ones count from the end (they were an error), and positions are not a shape (split at [50000, 60000] was a size-limit error)", [
    ("print(split(arange(6), [-2]))", out(np.split(np.arange(6), [-2]))),
    ("print(split(arange(6), [4, -4]))", out(np.split(np.arange(6), [4, -4]))),
    ("print(len(split(arange(100000), [50000, 60000])), split(arange(100000), [50000, 60000])[1].shape)", out(3, (10000,))),
])
BIG = np.array([2**53 + 1, 3])
write("convert_int_and_clip_of_large_int64_are_exact", "int(t) and clip of an int64 tensor with Int bounds are exact (both went through float64, giving 2^53 for 2^53 + 1)", [
    ("let t = tensor([9007199254740993, 3])", None),
    ("print(int(t[0:1]), clip(t, 5, 9007199254740995))", out(int(BIG[0]), np.clip(BIG, 5, 2**53 + 3))),
    ("print(clip(tensor([1, 5, 10]), 7, 3))", out(np.clip(np.array([1, 5, 10]), 7, 3))),
])
A3 = np.arange(24).reshape(2, 3, 4)
A3W = A3.copy()
A3W[1, :, [3, 0]] = np.array([[10, 20, 30], [40, 50, 60]])
write("index_int_and_list_apart_put_gathered_axes_first", "NumPy's rule: an Int and a list separated by a slice are advanced indices apart, so the gathered axes come first (Melix kept them in place); adjacent ones stay in place", [
    ("let a = arange(24).reshape([2, 3, 4])", None),
    ("print(a[1, :, [3, 0]])", out(A3[1, :, [3, 0]])),
    ("print(a[:, 1, [3, 0]])", out(A3[:, 1, [3, 0]])),
    ("print(a[0, nil, [2]].shape)", out(A3[0, None, [2]].shape)),
    ("a[1, :, [3, 0]] = tensor([[10, 20, 30], [40, 50, 60]])", None),
    ("print(a[1])", out(A3W[1])),
])
write("create_from_a_list_with_zero_dimensional_tensors", "np.array([np.array(1.5), 2]): a zero-dimensional tensor in a list is a number (it was 'nested lists have different depths')", [
    ("print(tensor([tensor(1.5), 2]))", out(np.array([np.array(1.5), 2]))),
    ("print(tensor([tensor([1, 2]) @ tensor([3, 4]), 1]))", out(np.array([np.array([1, 2]) @ np.array([3, 4]), 1]))),
    ("print(tensor([[tensor(true), false]]))", out(np.array([[np.array(True), False]]))),
])
write("error_gather_assign_shape_names_assign", "a value that does not fit the gathered rows: the message names 'assign' (it said 'broadcast_to')", [
    ("let t = zeros([3, 2])", None),
    ("t[[0, 2]] = tensor([1.0, 2.0, 3.0])", err("cannot broadcast [3] with [2, 2] in 'assign'")),
])
NM = np.array([[1.0, -2.0], [3.0, 4.0]])
write("linalg_norm_of_a_matrix_with_ord", "np.linalg.norm(A, ord) on a matrix: 2 is the largest singular value, 1 the largest column sum, inf the largest row sum (Melix gave the flattened vector norms: 5.48, 10.0, 4.0)", [
    ("let a = tensor([[1.0, -2.0], [3.0, 4.0]])", None),
    ("print(norm(tensor([[3.0, 0.0], [4.0, 0.0]]), ord: 2), norm(a, ord: 1), norm(a, ord: inf))", out(float(np.linalg.norm(np.array([[3.0, 0.0], [4.0, 0.0]]), 2)), float(np.linalg.norm(NM, 1)), float(np.linalg.norm(NM, np.inf)))),
    ("print(norm(a), norm(a, ord: 1, axis: 1))", out(float(np.linalg.norm(NM)), np.linalg.norm(NM, 1, axis=1))),
    ("norm(ones([2, 2, 2]), ord: 2)", err("argument 'ord' of 'norm' needs a vector or a matrix without 'axis', got shape [2, 2, 2]")),
])
TK = np.arange(6).reshape(2, 3)
write("shape_take", "np.take: of the flattened tensor without axis, negative positions from the end, the indices' shape in place of the axis", [
    ("let t = arange(6).reshape([2, 3])", None),
    ("print(take(t, [5, -1, 0]), take(t, 4))", out(np.take(TK, [5, -1, 0]), int(np.take(TK, 4)))),
    ("print(take(t, [2, 0], axis: 1))", out(np.take(TK, [2, 0], axis=1))),
    ("print(take(t, [], axis: 0).shape)", out(np.take(TK, np.array([], dtype=np.int64), axis=0).shape)),
    ("take(t, [2], axis: 0)", err("index 2 is out of range for axis 0 with size 2")),
])
