"""Realistic wrong answers for numerical_gradient (each must lose points; see ``course
validate``), and differently written correct solutions (each must keep full marks)."""

from autograder.authoring.mutants import Mutant
from autograder.layout import REPO_ROOT

F = "numerical_gradient.py"

_CENTRAL = """        try:
            point[i] = v + h
            f_plus = float(f(point))
            point[i] = v - h
            f_minus = float(f(point))
        finally:
            point[i] = v
        grad[i] = (f_plus - f_minus) / (2 * h)
"""

_BATCH = """    grad = np.zeros(work.shape, dtype=np.float64)
    for row in range(work.shape[0]):
        grad[row] = _gradient_at(f, work[row], h)
    return grad
"""

_FIELD = """    points = np.column_stack([xx.ravel(), yy.ravel()])
    grad = numerical_gradient(f, points, h)
    return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)
"""

_NO_FINALLY = """        point[i] = v + h
        f_plus = float(f(point))
        point[i] = v - h
        f_minus = float(f(point))
        point[i] = v
        grad[i] = (f_plus - f_minus) / (2 * h)
"""

_COPY = "    work = np.array(x, dtype=np.float64)\n"

# From the helper's loop to the copy in numerical_gradient: the source's in-place version.
_SOLUTION = (REPO_ROOT / "solutions" / "numerical_gradient" / F).read_text(encoding="utf-8")
_IN_PLACE_OLD = _SOLUTION[
    _SOLUTION.index(_CENTRAL) : _SOLUTION.index("    # BEGIN SOLUTION (Task 3.2)\n" + _COPY)
] + ("    # BEGIN SOLUTION (Task 3.2)\n" + _COPY)
"""From Task 3.1's central difference through the start of Task 3.2's solution (its docstring
as the solution file has it)."""

MUTANTS = (
    Mutant(
        "batch_transposed",
        "treats each COLUMN of a 2-D x as a point (the source's np.array([X, Y]) bug)",
        F,
        _BATCH,
        _BATCH.replace("work.shape, dtype", "work.T.shape, dtype")
        .replace("range(work.shape[0])", "range(work.shape[1])")
        .replace(
            "grad[row] = _gradient_at(f, work[row], h)",
            "grad[row] = _gradient_at(f, work[:, row], h)",
        ),
    ),
    Mutant(
        "gradient_at_all_plus_first",
        "evaluates f at v + h for every coordinate first, then at v - h for every coordinate "
        "(each coordinate still restored, the same 2D points in another order)",
        F,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):\n"
        "        v = point[i]\n" + _CENTRAL,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n"
        "    plus = np.zeros(point.shape, dtype=np.float64)\n"
        "    for i in range(point.size):\n"
        "        v = point[i]\n"
        "        try:\n"
        "            point[i] = v + h\n"
        "            plus[i] = float(f(point))\n"
        "        finally:\n"
        "            point[i] = v\n"
        "    for i in range(point.size):\n"
        "        v = point[i]\n"
        "        try:\n"
        "            point[i] = v - h\n"
        "            grad[i] = (plus[i] - float(f(point))) / (2 * h)\n"
        "        finally:\n"
        "            point[i] = v\n",
    ),
    Mutant(
        "forward_difference",
        "forward difference (f(x + h) - f(x)) / h instead of central",
        F,
        _CENTRAL,
        _CENTRAL.replace("point[i] = v - h", "point[i] = v").replace("/ (2 * h)", "/ h"),
    ),
    Mutant(
        "no_restore",
        "never puts x[i] back: later coordinates see a shifted point",
        F,
        _CENTRAL,
        _NO_FINALLY.replace("        point[i] = v\n", ""),
    ),
    Mutant(
        "in_place_restore_on_success",
        "writes into the caller's float x and restores x[i] only when f returns",
        F,
        _IN_PLACE_OLD,
        _IN_PLACE_OLD.replace(_CENTRAL, _NO_FINALLY).replace(
            "np.array(x, dtype=np.float64)\n", "np.asarray(x, dtype=np.float64)\n"
        ),
    ),
    Mutant(
        "h_on_all_coordinates",
        "adds h to every coordinate at once: f(x + h) - f(x - h)",
        F,
        _CENTRAL,
        """        f_plus = float(f(point + h))
        f_minus = float(f(point - h))
        grad[i] = (f_plus - f_minus) / (2 * h)
""",
    ),
    Mutant(
        "keeps_int_dtype",
        "copies x without converting to float: x + h on an int array stays an int",
        F,
        _COPY,
        "    work = np.array(x)\n",
    ),
    Mutant(
        "int_output_dtype",
        "gradient array allocated like the input (np.zeros_like(x)): int in, int out",
        F,
        "grad = np.zeros(work.shape, dtype=np.float64)",
        "grad = np.zeros_like(x)",
    ),
    Mutant(
        "field_points_as_columns",
        "quiver helper passes np.array([X, Y]) (shape (2, N)), as in the source",
        F,
        _FIELD,
        _FIELD.replace(
            "np.column_stack([xx.ravel(), yy.ravel()])", "np.array([xx.ravel(), yy.ravel()])"
        )
        .replace("grad[:, 0]", "grad[0]")
        .replace("grad[:, 1]", "grad[1]"),
    ),
    Mutant(
        "field_uphill",
        "arrows of +∇f instead of -∇f",
        F,
        "return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)",
        "return xx, yy, grad[:, 0].reshape(xx.shape), grad[:, 1].reshape(xx.shape)",
    ),
    Mutant(
        "field_ij_indexing",
        "meshgrid with indexing='ij': X and Y swap roles",
        F,
        "np.asarray(x1, dtype=np.float64))",
        'np.asarray(x1, dtype=np.float64), indexing="ij")',
    ),
    # --- _gradient_at: arguments, restoring, calls, types ---
    Mutant(
        "gradient_at_divides_by_2e-4",
        "_gradient_at shifts by h but divides by the constant 2e-4 (right only at h = 1e-4)",
        F,
        "grad[i] = (f_plus - f_minus) / (2 * h)",
        "grad[i] = (f_plus - f_minus) / 2e-4",
    ),
    Mutant(
        "gradient_at_restores_by_arithmetic",
        "_gradient_at shifts with += h, -= 2h and puts v back with += h: off by rounding",
        F,
        _CENTRAL,
        """        try:
            point[i] += h
            f_plus = float(f(point))
            point[i] -= 2 * h
            f_minus = float(f(point))
        finally:
            point[i] += h
        grad[i] = (f_plus - f_minus) / (2 * h)
""",
    ),
    Mutant(
        "gradient_at_no_finally",
        "_gradient_at restores the point only when f returns (numerical_gradient still copies)",
        F,
        _CENTRAL,
        _NO_FINALLY,
    ),
    Mutant(
        "gradient_at_swallows_f_error",
        "_gradient_at catches f's exception and records nan instead of letting it through",
        F,
        _CENTRAL,
        """        try:
            point[i] = v + h
            f_plus = float(f(point))
            point[i] = v - h
            f_minus = float(f(point))
        except Exception:
            f_plus = f_minus = np.nan
        finally:
            point[i] = v
        grad[i] = (f_plus - f_minus) / (2 * h)
""",
    ),
    Mutant(
        "gradient_at_evaluates_centre",
        "_gradient_at evaluates f(point) once more, a leftover of a forward difference",
        F,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):\n",
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    f_0 = float(f(point))  # noqa\n"
        "    for i in range(point.size):\n",
    ),
    Mutant(
        "gradient_at_float32",
        "_gradient_at allocates a float32 gradient",
        F,
        "grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):",
        "grad = np.zeros(point.shape, dtype=np.float32)\n    for i in range(point.size):",
    ),
    Mutant(
        "gradient_at_returns_list",
        "_gradient_at returns a list of partial derivatives instead of an array",
        F,
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad\n",
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad.tolist()\n",
    ),
    # --- numerical_gradient: copy, shapes, calls, h ---
    Mutant(
        "asarray_aliases_x",
        "numerical_gradient uses np.asarray: a float64 x is not copied and _gradient_at writes "
        "into the caller's array (a read-only x raises)",
        F,
        _COPY,
        "    work = np.asarray(x, dtype=np.float64)\n",
    ),
    Mutant(
        "squeezes_batch",
        "numerical_gradient squeezes the result: a batch of one row comes back as shape (D,)",
        F,
        _BATCH,
        _BATCH.replace("    return grad\n", "    return grad.squeeze()\n"),
    ),
    Mutant(
        "one_point_as_batch",
        "numerical_gradient turns 1-D x into a batch of one row and returns shape (1, D)",
        F,
        "    if work.ndim == 1:\n        return _gradient_at(f, work, h)\n",
        "    if work.ndim == 1:\n        work = work[None, :]\n",
    ),
    Mutant(
        "batch_ignores_h",
        "numerical_gradient hands _gradient_at the constant 1e-4 for batches",
        F,
        "grad[row] = _gradient_at(f, work[row], h)",
        "grad[row] = _gradient_at(f, work[row], 1e-4)",
    ),
    Mutant(
        "default_h_1e-5",
        "numerical_gradient's default h is 1e-5 instead of 1e-4",
        F,
        "def numerical_gradient(f: Fn, x: np.ndarray, h: float = 1e-4) -> np.ndarray:",
        "def numerical_gradient(f: Fn, x: np.ndarray, h: float = 1e-5) -> np.ndarray:",
    ),
    Mutant(
        "validates_first_row",
        "numerical_gradient calls _gradient_at on the first row once more, to check f first",
        F,
        _BATCH,
        "    if not np.all(np.isfinite(_gradient_at(f, work[0], h))):\n"
        '        raise ValueError("f is not finite at the first point")\n' + _BATCH,
    ),
    Mutant(
        "inlines_central_difference",
        "numerical_gradient does its own central differences on copies instead of calling "
        "_gradient_at",
        F,
        "        grad[row] = _gradient_at(f, work[row], h)\n",
        "        for i in range(work.shape[1]):\n"
        "            e = np.zeros(work.shape[1])\n"
        "            e[i] = h\n"
        "            grad[row, i] = (f(work[row] + e) - f(work[row] - e)) / (2 * h)\n",
    ),
    Mutant(
        "swallows_f_error",
        "numerical_gradient catches f's exception and returns nan gradients",
        F,
        _BATCH,
        _BATCH.replace(
            "        grad[row] = _gradient_at(f, work[row], h)\n",
            "        try:\n"
            "            grad[row] = _gradient_at(f, work[row], h)\n"
            "        except Exception:\n"
            "            grad[row] = np.nan\n",
        ),
    ),
    Mutant(
        "one_point_ignores_h",
        "numerical_gradient hands _gradient_at the constant 1e-4 for one point (1-D x)",
        F,
        "    if work.ndim == 1:\n        return _gradient_at(f, work, h)\n",
        "    if work.ndim == 1:\n        return _gradient_at(f, work, 1e-4)\n",
    ),
    Mutant(
        "batch_returns_list",
        "numerical_gradient returns the batch's gradients as a list of lists (grad.tolist())",
        F,
        _BATCH,
        _BATCH.replace("    return grad\n", "    return grad.tolist()\n"),
    ),
    Mutant(
        "bad_dimensions_type_error",
        "numerical_gradient raises TypeError instead of ValueError for x of other dimensions",
        F,
        '        raise ValueError(f"x must be 1-D',
        '        raise TypeError(f"x must be 1-D',
    ),
    Mutant(
        "gradient_at_column",
        "_gradient_at returns the gradient as a column, shape (D, 1)",
        F,
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad\n",
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad.reshape(-1, 1)\n",
    ),
    # --- gradient_field: h, calls, coordinates ---
    Mutant(
        "field_flat_arrows",
        "gradient_field returns U and V flat, shape (X.size,), not the grid's shape",
        F,
        "return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)",
        "return xx, yy, -grad[:, 0], -grad[:, 1]",
    ),
    Mutant(
        "field_ignores_h",
        "gradient_field calls numerical_gradient without h (always the default 1e-4)",
        F,
        "grad = numerical_gradient(f, points, h)",
        "grad = numerical_gradient(f, points)",
    ),
    Mutant(
        "field_one_call_per_point",
        "gradient_field calls numerical_gradient once per grid point (1-D x) in a loop",
        F,
        "grad = numerical_gradient(f, points, h)",
        "grad = np.array([numerical_gradient(f, p, h) for p in points])",
    ),
    Mutant(
        "field_coordinates_swapped",
        "gradient_field stacks the points as (Y, X)",
        F,
        "points = np.column_stack([xx.ravel(), yy.ravel()])",
        "points = np.column_stack([yy.ravel(), xx.ravel()])",
    ),
    Mutant(
        "numerical_gradient_keeps_float32",
        "numerical_gradient copies x with x + 0.0, which keeps a float32 x float32",
        F,
        _COPY,
        "    work = x + 0.0\n",
    ),
    Mutant(
        "numerical_gradient_one_call_per_distinct_row",
        "numerical_gradient calls _gradient_at once per distinct row (np.unique) and spreads "
        "the results back",
        F,
        _BATCH,
        """    rows, where = np.unique(work, axis=0, return_inverse=True)
    grad = np.array([_gradient_at(f, row.copy(), h) for row in rows], dtype=np.float64)
    return grad[np.ravel(where)].reshape(work.shape)
""",
    ),
    Mutant(
        "gradient_at_minus_first",
        "_gradient_at evaluates f(v - h) before f(v + h)",
        F,
        "            point[i] = v + h\n            f_plus = float(f(point))\n"
        "            point[i] = v - h\n            f_minus = float(f(point))\n",
        "            point[i] = v - h\n            f_minus = float(f(point))\n"
        "            point[i] = v + h\n            f_plus = float(f(point))\n",
    ),
    Mutant(
        "field_returns_list",
        "gradient_field returns the list [X, Y, U, V] instead of the tuple",
        F,
        "    return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)",
        "    return [xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)]",
    ),
    Mutant(
        "field_float32_grid",
        "gradient_field builds the meshgrid in float32",
        F,
        "np.meshgrid(np.asarray(x0, dtype=np.float64), np.asarray(x1, dtype=np.float64))",
        "np.meshgrid(np.asarray(x0, dtype=np.float32), np.asarray(x1, dtype=np.float32))",
    ),
    Mutant(
        "gradient_at_shared_buffer",
        "_gradient_at fills and returns one module-level buffer per D, kept between calls",
        F,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n",
        "    buffers = globals().setdefault('_BUFFERS', {})\n"
        "    grad = buffers.setdefault(point.size, np.zeros(point.shape, dtype=np.float64))\n",
    ),
    Mutant(
        "gradient_at_swallows_math_errors",
        "_gradient_at turns f's ZeroDivisionError or OverflowError into a NaN derivative",
        F,
        _CENTRAL,
        """        try:
            point[i] = v + h
            f_plus = float(f(point))
            point[i] = v - h
            f_minus = float(f(point))
        except (ZeroDivisionError, OverflowError):
            f_plus = f_minus = float("nan")
        finally:
            point[i] = v
        grad[i] = (f_plus - f_minus) / (2 * h)
""",
    ),
    Mutant(
        "batch_list_of_rows",
        "numerical_gradient builds the batch with np.array of a list (N = 0 gives shape (0,))",
        F,
        _BATCH,
        "    return np.array([_gradient_at(f, row, h) for row in work], dtype=np.float64)\n",
    ),
    Mutant(
        "batch_shared_buffer",
        "numerical_gradient writes every batch result into one module-level array per shape",
        F,
        "    grad = np.zeros(work.shape, dtype=np.float64)\n    for row in range(work.shape[0]):\n",
        "    buffers = globals().setdefault('_OUT', {})\n"
        "    grad = buffers.setdefault(work.shape, np.zeros(work.shape, dtype=np.float64))\n"
        "    for row in range(work.shape[0]):\n",
    ),
    Mutant(
        "gradient_at_errstate_raise",
        "_gradient_at evaluates f under np.errstate(all='raise'): an f that overflows raises",
        F,
        _CENTRAL,
        _CENTRAL.replace(
            "            point[i] = v + h\n            f_plus = float(f(point))\n"
            "            point[i] = v - h\n            f_minus = float(f(point))\n",
            "            with np.errstate(all='raise'):\n"
            "                point[i] = v + h\n                f_plus = float(f(point))\n"
            "                point[i] = v - h\n                f_minus = float(f(point))\n",
        ),
    ),
    Mutant(
        "numerical_gradient_silences_numpy",
        "numerical_gradient calls np.seterr(all='ignore') first to silence numpy's warnings",
        F,
        "    # BEGIN SOLUTION (Task 3.2)\n" + _COPY,
        "    # BEGIN SOLUTION (Task 3.2)\n    np.seterr(all='ignore')\n" + _COPY,
    ),
    Mutant(
        "batch_probes_f_first",
        "numerical_gradient evaluates f once at the first row to check it returns a number",
        F,
        _BATCH,
        "    if len(work):\n        float(f(work[0].copy()))\n" + _BATCH,
    ),
    Mutant(
        "batch_error_as_value_error",
        "numerical_gradient re-raises f's ArithmeticError as a ValueError",
        F,
        _BATCH,
        """    grad = np.zeros(work.shape, dtype=np.float64)
    for row in range(work.shape[0]):
        try:
            grad[row] = _gradient_at(f, work[row], h)
        except ArithmeticError as exc:
            raise ValueError(f"f failed at row {row}") from exc
    return grad
""",
    ),
    Mutant(
        "field_meshgrid_views",
        "gradient_field takes np.meshgrid(..., copy=False): X and Y are views of x0 and x1",
        F,
        "    xx, yy = np.meshgrid(np.asarray(x0, dtype=np.float64), "
        "np.asarray(x1, dtype=np.float64))\n",
        "    xx, yy = np.meshgrid(\n"
        "        np.asarray(x0, dtype=np.float64), np.asarray(x1, dtype=np.float64), copy=False\n"
        "    )\n",
    ),
    Mutant(
        "gradient_at_restores_on_exception_only",
        "_gradient_at: restores in `except Exception: ...; raise` instead of finally "
        "(KeyboardInterrupt/SystemExit/BaseException leave the point shifted)",
        F,
        "        try:\n            point[i] = v + h\n            f_plus = float(f(point))\n"
        "            point[i] = v - h\n            f_minus = float(f(point))\n        finally:\n"
        "            point[i] = v\n",
        "        try:\n            point[i] = v + h\n            f_plus = float(f(point))\n"
        "            point[i] = v - h\n            f_minus = float(f(point))\n"
        "        except Exception:\n            point[i] = v\n            raise\n"
        "        point[i] = v\n",
    ),
    Mutant(
        "gradient_at_h_floor",
        "_gradient_at: `h = max(h, 1e-7)` to avoid round-off, so tiny h are silently replaced",
        F,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):",
        "    h = max(h, 1e-7)  # smaller steps are all round-off\n"
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):",
    ),
    Mutant(
        "field_sorts_axes",
        "gradient_field: sorts x0 and x1 first (so quiver gets increasing axes): X, Y != "
        "meshgrid(x0, x1) for unsorted axes",
        F,
        "    xx, yy = np.meshgrid(np.asarray(x0, dtype=np.float64), np.asarray(x1, "
        "dtype=np.float64))",
        "    xx, yy = np.meshgrid(np.sort(np.asarray(x0, dtype=np.float64)), "
        "np.sort(np.asarray(x1, dtype=np.float64)))",
    ),
    Mutant(
        "field_respaces_axes",
        "gradient_field: rebuilds each axis as linspace(min, max, len) (right only for "
        "evenly spaced axes)",
        F,
        "    xx, yy = np.meshgrid(np.asarray(x0, dtype=np.float64), np.asarray(x1, "
        "dtype=np.float64))",
        "    x0 = np.asarray(x0, dtype=np.float64)\n    x1 = np.asarray(x1, dtype=np.float64)\n"
        "    xx, yy = np.meshgrid(np.linspace(x0.min(), x0.max(), len(x0)), "
        "np.linspace(x1.min(), x1.max(), len(x1)))",
    ),
    Mutant(
        "field_silences_numpy_errors",
        'gradient_field: wraps the numerical_gradient call in np.errstate(all="ignore") to '
        "silence warnings while plotting",
        F,
        "    grad = numerical_gradient(f, points, h)\n",
        '    with np.errstate(all="ignore"):\n        grad = numerical_gradient(f, points, h)\n',
    ),
    Mutant(
        "field_nan_to_num",
        "gradient_field: np.nan_to_num on U, V so quiver never sees inf/nan (inf arrows "
        "become 1.8e308, nan 0)",
        F,
        "    return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)",
        "    grad = np.nan_to_num(grad)  # quiver chokes on inf / nan\n"
        "    return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)",
    ),
    Mutant(
        "numerical_gradient_memo",
        "numerical_gradient caches its results by (f, x, h): a stateful f gets the first answer "
        "again",
        F,
        "    work = np.array(x, dtype=np.float64)\n",
        "    work = np.array(x, dtype=np.float64)\n"
        "    memo = globals().setdefault('_MEMO', {})\n"
        "    key = (id(f), work.shape, work.tobytes(), h)\n"
        "    if key in memo:\n"
        "        return memo[key].copy()\n"
        "    memo[key] = _numerical_gradient(f, work, h)\n"
        "    return memo[key].copy()\n\n\n"
        "def _numerical_gradient(f: Fn, work: np.ndarray, h: float) -> np.ndarray:\n",
    ),
    Mutant(
        "gradient_at_divides_by_float_step",
        "_gradient_at divides by the step actually taken, (v + h) - (v - h), instead of 2h: the "
        "same near 0, off by up to an ulp of v over h far from it",
        F,
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad\n",
        "        grad[i] = (f_plus - f_minus) / ((v + h) - (v - h))\n    return grad\n",
    ),
    Mutant(
        "gradient_at_generator_turns_stopiteration",
        "_gradient_at builds its result with np.fromiter over a generator (each coordinate still "
        "restored in a finally): a StopIteration raised by f comes out as RuntimeError (PEP 479)",
        F,
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):\n",
        "    def partial(i):\n"
        "        v = point[i]\n"
        "        try:\n"
        "            point[i] = v + h\n"
        "            f_plus = float(f(point))\n"
        "            point[i] = v - h\n"
        "            f_minus = float(f(point))\n"
        "        finally:\n"
        "            point[i] = v\n"
        "        return (f_plus - f_minus) / (2 * h)\n\n"
        "    return np.fromiter((partial(i) for i in range(point.size)), np.float64, point.size)\n"
        "    grad = np.zeros(point.shape, dtype=np.float64)\n    for i in range(point.size):\n",
    ),
    Mutant(
        "numerical_gradient_nan_to_num",
        "numerical_gradient passes its result through np.nan_to_num (finite quiver arrows): an f "
        "that overflows gives 1.8e308 instead of inf",
        F,
        "        grad[row] = _gradient_at(f, work[row], h)\n    return grad\n",
        "        grad[row] = _gradient_at(f, work[row], h)\n    return np.nan_to_num(grad)\n",
    ),
    Mutant(
        "gradient_at_clips_to_finite",
        "_gradient_at clips each derivative to the largest finite float: an f that overflows at "
        "v + h gives 1.8e308 instead of inf",
        F,
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n    return grad\n",
        "        grad[i] = np.clip((f_plus - f_minus) / (2 * h), -1.7976931348623157e308, "
        "1.7976931348623157e308)\n    return grad\n",
    ),
)

ALTERNATIVES = (
    Mutant(
        "gradient_at_unit_vectors",
        "_gradient_at evaluates f at point ± h·e_i (new arrays) and never writes into the point",
        F,
        _CENTRAL,
        """        e = np.zeros(point.shape, dtype=np.float64)
        e[i] = h
        grad[i] = (float(f(point + e)) - float(f(point - e))) / (2 * h)
""",
    ),
    Mutant(
        "gradient_at_minus_from_plus",
        "_gradient_at steps down from v + h by 2h ((v + h) - 2h, one rounding off v - h), "
        "restores the saved v in finally and divides by 2 / h written as * (0.5 / h)",
        F,
        _CENTRAL,
        """        try:
            point[i] = v + h
            f_plus = float(f(point))
            point[i] = point[i] - 2 * h
            f_minus = float(f(point))
        finally:
            point[i] = v
        grad[i] = (f_plus - f_minus) * (0.5 / h)
""",
    ),
    Mutant(
        "numerical_gradient_astype_and_stack",
        "numerical_gradient copies with x.astype(np.float64), checks ndim first and stacks a "
        "list of _gradient_at results (an empty one for N = 0)",
        F,
        _COPY
        + """    if work.ndim == 1:
        return _gradient_at(f, work, h)
    if work.ndim != 2:
        raise ValueError(f"x must be 1-D (one point) or 2-D (one point per row), not {work.ndim}-D")
"""
        + _BATCH,
        """    work = np.asarray(x).astype(np.float64)
    if work.ndim not in (1, 2):
        raise ValueError(f"x must be 1-D or 2-D, not {work.ndim}-D")
    if work.ndim == 1:
        return _gradient_at(f, work, h)
    rows = [_gradient_at(f, row, h) for row in work]
    return np.stack(rows) if rows else np.empty(work.shape)
""",
    ),
    Mutant(
        "gradient_field_stack_and_transpose",
        "gradient_field stacks the points with np.stack(..., axis=-1) and splits -grad.T",
        F,
        _FIELD,
        """    points = np.stack([xx, yy], axis=-1).reshape(-1, 2)
    u, v = (-numerical_gradient(f, points, h)).T.reshape(2, *xx.shape)
    return xx, yy, u, v
""",
    ),
    Mutant(
        "gradient_field_of_negated_f",
        "gradient_field asks numerical_gradient for the gradient of -f (∇(-f) = -∇f) and uses "
        "it as the arrows",
        F,
        _FIELD,
        """    points = np.column_stack([xx.ravel(), yy.ravel()])
    down = numerical_gradient(lambda p: -f(p), points, h)
    return xx, yy, down[:, 0].reshape(xx.shape), down[:, 1].reshape(xx.shape)
""",
    ),
)
