"""The contract of every function students write in numerical_gradient, and the checks that test
each part of it (``docs/contract/numerical_gradient.md`` is generated from this file).

Blame: ``_gradient_at`` is called directly; ``numerical_gradient`` runs with the grader's
stand-in for ``_gradient_at`` and ``gradient_field`` with a stand-in for ``numerical_gradient``
(``probes.py``), so each check fails only because of the function it names.

A clause marked ``stated`` is written in the notebook's conventions as well as in a docstring
of the student module, and has a public check (``public.py``) besides its hidden ones.
"""

from autograder.authoring.contract import Clause, Function

F = "numerical_gradient.py"

CONTRACT = (
    Function(
        "_gradient_at",
        "3.1",
        F,
        clauses=(
            Clause(
                "the derivative along each coordinate is (f(v + h) - f(v - h)) / (2h)",
                ("point_public", "single_points"),
                stated=True,
            ),
            Clause(
                "with the h it is given: the h² term of the central difference shows at "
                "h = 0.02, 0.1, 0.3",
                ("h_public", "gradient_at_h"),
                stated=True,
            ),
            Clause(
                "also a tiny h (1e-9, next to a kink): no floor or other step size",
                ("gradient_at_tiny_h",),
            ),
            Clause(
                "divides by 2h, the h given, also far from 0 where the float step "
                "(v + h) - (v - h) is not 2h",
                ("gradient_at_far",),
            ),
            Clause(
                "returns a numpy array of shape (D,)",
                ("single_points", "point_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "the result is float64", ("single_points", "point_public"), "dtype", stated=True
            ),
            Clause(
                "f is evaluated exactly twice per coordinate (2·D times)",
                ("evaluations_public", "gradient_at_calls"),
                "calls",
                stated=True,
            ),
            Clause(
                "coordinate by coordinate: f(v + h) first, then f(v - h), and v put back before "
                "the next coordinate moves",
                ("gradient_at_order",),
            ),
            Clause(
                "puts the saved v back: the point is unchanged bit for bit on return",
                ("restore_public", "gradient_at_restores"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "restores the point in a finally block, also when f raises (a BaseException such "
                "as KeyboardInterrupt too)",
                ("restore_public", "gradient_at_restores"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "f's exception reaches the caller",
                ("restore_public", "gradient_at_restores"),
                "raises",
                stated=True,
            ),
            Clause(
                "f's exception reaches the caller unchanged, whatever its type (ZeroDivisionError, "
                "FloatingPointError, OverflowError, ValueError, TypeError, StopIteration)",
                ("gradient_at_raises",),
                "raises",
            ),
            Clause(
                "returns a new array on every call: not the point, not one kept between calls",
                ("gradient_at_fresh",),
                "no_alias",
            ),
            Clause(
                "leaves numpy's error state as the caller set it: an f that overflows to inf "
                "under a silent state is a number, not an error",
                ("gradient_at_raises",),
                "unchanged",
            ),
            Clause(
                "an f that overflows gives inf: where f(v + h) is inf and f(v - h) finite, the "
                "derivative is +inf (not clipped or replaced by a finite number)",
                ("gradient_at_raises",),
                "value",
            ),
        ),
        args={
            "f": ("single_points", "gradient_at_h"),
            "point": ("single_points", "gradient_at_h"),
            "h": ("gradient_at_h", "h_public", "gradient_at_tiny_h"),
        },
        pins={"h": ("1e-4", "1e-5")},
    ),
    Function(
        "numerical_gradient",
        "3.2",
        F,
        clauses=(
            Clause(
                "1-D x is one point: its gradient, from one _gradient_at call",
                ("one_point", "batch_public"),
                stated=True,
            ),
            Clause(
                "2-D x: every ROW is a point, row r of the result is the gradient at x[r]",
                ("batches", "square_batch", "batch_public"),
                stated=True,
            ),
            Clause(
                "N = D: rows, not columns (a transposition keeps the shape)",
                ("batch_public", "square_batch"),
                stated=True,
            ),
            Clause(
                "returns a numpy array",
                ("batch_public", "one_point", "batches"),
                "type",
                stated=True,
            ),
            Clause(
                "shape (D,) for 1-D x and (N, D) for 2-D x, N = 1 included (no squeeze)",
                ("batch_public", "one_point", "batches"),
                "shape",
                stated=True,
            ),
            Clause(
                "the result is float64, also for integer and float32 x",
                ("integer_public", "integer_input", "batches"),
                "dtype",
                stated=True,
            ),
            Clause(
                "works on a float64 copy: _gradient_at and f get float64 points, also for "
                "integer and float32 x",
                ("integer_public", "integer_input"),
                "dtype",
                stated=True,
            ),
            Clause(
                "never hands the caller's array to f or _gradient_at (np.shares_memory); a "
                "read-only x (1-D and 2-D) works",
                ("copy_public", "no_alias"),
                "no_alias",
                stated=True,
            ),
            Clause(
                "the caller's x is unchanged, whatever _gradient_at does to the point it gets",
                ("copy_public", "input_unchanged", "integer_input"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "the caller's x is unchanged when f raises, and the exception reaches the caller",
                ("copy_public", "input_unchanged_on_error"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "calls _gradient_at once per point, with each row and f (equal rows included)",
                ("batch_calls_public", "calls_per_point"),
                "calls",
                stated=True,
            ),
            Clause(
                "hands _gradient_at the h it is given, and h = 1e-4 by default",
                ("batch_calls_public", "passes_h", "one_point", "batches"),
                stated=True,
            ),
            Clause(
                "raises ValueError for x with other than 1 or 2 dimensions",
                ("dimensions_public", "bad_dimensions"),
                "raises",
                stated=True,
            ),
            Clause(
                "N = 0 rows: a float64 array of shape (0, D), with no call of _gradient_at or f",
                ("empty_batch",),
                "shape",
            ),
            Clause(
                "f is evaluated only through _gradient_at",
                ("f_only_in_gradient_at",),
                "calls",
            ),
            Clause(
                "f's exceptions reach the caller unchanged, whatever their type",
                ("errors_pass_through",),
                "raises",
            ),
            Clause(
                "leaves numpy's error state as the caller set it: under np.errstate(all='raise') "
                "an overflow in f reaches the caller as FloatingPointError",
                ("errors_pass_through",),
                "unchanged",
            ),
            Clause(
                "an inf from _gradient_at comes back as inf (no np.nan_to_num or clipping of the "
                "result)",
                ("errors_pass_through",),
                "value",
            ),
            Clause(
                "returns a new array on every call: not x, not one kept between calls",
                ("results_fresh",),
                "no_alias",
            ),
            Clause(
                "differentiates f as it is at each call: nothing remembered between calls, not "
                "even for the same f object and equal x",
                ("numerical_gradient_stateful",),
            ),
        ),
        args={
            "f": ("one_point", "batches"),
            "x": ("one_point", "batches", "square_batch", "integer_input", "no_alias"),
            "h": ("passes_h", "one_point", "batches", "batch_calls_public"),
        },
        pins={"h": ("1e-4", "1e-5")},
    ),
    Function(
        "gradient_field",
        "3.3",
        F,
        clauses=(
            Clause("X, Y = np.meshgrid(x0, x1)", ("fields", "field_public"), stated=True),
            Clause(
                "x0 and x1 as given: unsorted, unevenly spaced axes are neither sorted nor "
                "respaced",
                ("fields",),
            ),
            Clause(
                "numerical_gradient's values handed on as they are (NaN arrows stay NaN: no "
                "np.nan_to_num), and numpy's error state is the caller's (an overflow under "
                "np.errstate(all='raise') raises FloatingPointError)",
                ("field_passes_through",),
                "unchanged",
            ),
            Clause(
                "returns the tuple (X, Y, U, V) of float64 numpy arrays (the meshgrid of float64 "
                "x0, x1)",
                ("field_types",),
                "type",
            ),
            Clause(
                "(U[j, i], V[j, i]) = -∇f(X[j, i], Y[j, i]): the arrows point downhill",
                ("fields", "field_public"),
                stated=True,
            ),
            Clause(
                "X, Y, U and V all have shape (len(x1), len(x0)), also on non-square grids",
                ("fields", "field_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "the points are built as ROWS, shape (X.size, 2), and numerical_gradient is "
                "called once on all of them",
                ("field_calls_public", "field_points_as_rows"),
                "calls",
                stated=True,
            ),
            Clause(
                "numerical_gradient gets the h given (1e-4 by default)",
                ("field_calls_public", "field_points_as_rows", "fields"),
                stated=True,
            ),
            Clause(
                "X, Y, U and V are new arrays: none shares memory with x0 or x1",
                ("field_no_alias",),
                "no_alias",
            ),
        ),
        args={
            "f": ("fields",),
            "x0": ("fields",),
            "x1": ("fields",),
            "h": ("fields", "field_points_as_rows", "field_calls_public"),
        },
        pins={"h": ("1e-4",)},
    ),
)
