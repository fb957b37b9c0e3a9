"""The contract of every function students write in numerical_gradient, and the checks that test
each part of it (``docs/contract/numerical_gradient.md`` is generated from this file).

Blame: ``_gradient_at`` is called directly; ``numerical_gradient`` runs with the grader's
stand-in for ``_gradient_at`` and ``gradient_field`` with a stand-in for ``numerical_gradient``
(``probes.py``), so each check fails only because of the function it names.
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
            ),
            Clause(
                "with the h it is given: the h² term of the central difference shows at "
                "h = 0.02, 0.1, 0.3",
                ("gradient_at_h",),
            ),
            Clause(
                "returns a numpy array of shape (D,)", ("single_points", "point_public"), "shape"
            ),
            Clause("the result is float64", ("single_points", "point_public"), "dtype"),
            Clause(
                "f is evaluated exactly twice per coordinate (2·D times)",
                ("gradient_at_calls",),
                "calls",
            ),
            Clause(
                "puts the saved v back: the point is unchanged bit for bit on return",
                ("gradient_at_restores",),
                "unchanged",
            ),
            Clause(
                "restores the point in a finally block, also when f raises",
                ("gradient_at_restores",),
                "unchanged",
            ),
            Clause("f's exception reaches the caller", ("gradient_at_restores",), "raises"),
        ),
        args={
            "f": ("single_points", "gradient_at_h"),
            "point": ("single_points", "gradient_at_h"),
            "h": ("gradient_at_h",),
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
            ),
            Clause(
                "2-D x: every ROW is a point, row r of the result is the gradient at x[r]",
                ("batches", "square_batch", "batch_public"),
            ),
            Clause("N = D: rows, not columns (a transposition keeps the shape)", ("square_batch",)),
            Clause("returns a numpy array", ("one_point", "batches"), "type"),
            Clause(
                "shape (D,) for 1-D x and (N, D) for 2-D x, N = 1 included (no squeeze)",
                ("one_point", "batches"),
                "shape",
            ),
            Clause(
                "the result is float64, also for integer x", ("integer_input", "batches"), "dtype"
            ),
            Clause(
                "works on a float64 copy: _gradient_at and f get float64 points, also for "
                "integer x",
                ("integer_input",),
                "dtype",
            ),
            Clause(
                "never hands the caller's array to f or _gradient_at (np.shares_memory); a "
                "read-only x (1-D and 2-D) works",
                ("no_alias",),
                "no_alias",
            ),
            Clause(
                "the caller's x is unchanged, whatever _gradient_at does to the point it gets",
                ("input_unchanged", "integer_input"),
                "unchanged",
            ),
            Clause(
                "the caller's x is unchanged when f raises, and the exception reaches the caller",
                ("input_unchanged_on_error",),
                "unchanged",
            ),
            Clause(
                "calls _gradient_at once per point, with each row and f",
                ("calls_per_point",),
                "calls",
            ),
            Clause(
                "hands _gradient_at the h it is given, and h = 1e-4 by default",
                ("passes_h", "one_point", "batches"),
            ),
            Clause(
                "raises ValueError for x with other than 1 or 2 dimensions",
                ("bad_dimensions",),
                "raises",
            ),
        ),
        args={
            "f": ("one_point", "batches"),
            "x": ("one_point", "batches", "square_batch", "integer_input", "no_alias"),
            "h": ("passes_h", "one_point", "batches"),
        },
        pins={"h": ("1e-4", "1e-5")},
    ),
    Function(
        "gradient_field",
        "3.3",
        F,
        clauses=(
            Clause("X, Y = np.meshgrid(x0, x1)", ("fields", "field_public")),
            Clause(
                "(U[j, i], V[j, i]) = -∇f(X[j, i], Y[j, i]): the arrows point downhill",
                ("fields", "field_public"),
            ),
            Clause(
                "X, Y, U and V all have shape (len(x1), len(x0)), also on non-square grids",
                ("fields", "field_public"),
                "shape",
            ),
            Clause(
                "the points are built as ROWS, shape (X.size, 2), and numerical_gradient is "
                "called once on all of them",
                ("field_points_as_rows",),
                "calls",
            ),
            Clause(
                "numerical_gradient gets the h given (1e-4 by default)",
                ("field_points_as_rows", "fields"),
            ),
        ),
        args={
            "f": ("fields",),
            "x0": ("fields",),
            "x1": ("fields",),
            "h": ("fields", "field_points_as_rows"),
        },
        pins={"h": ("1e-4",)},
    ),
)
