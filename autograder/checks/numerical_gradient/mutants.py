"""Realistic wrong answers for numerical_gradient (each must lose points; see ``course
validate``)."""

from autograder.authoring.mutants import Mutant

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

# From the helper's loop to the copy in numerical_gradient: the source's in-place version.
_IN_PLACE_OLD = (
    _CENTRAL
    + "    return grad\n    # END SOLUTION\n\n\ndef numerical_gradient(f: Fn, x: np.ndarray, h: "
    'float = 1e-4) -> np.ndarray:\n    """Task 3.2: the gradient of ``f`` at one point (1-D '
    "``x``) or at each row of a 2-D ``x``.\n\n    Work on a float64 copy of ``x`` (so integer "
    "input works and the caller's array is\n    never written to); call :func:`_gradient_at` "
    "once per point. Raise ``ValueError``\n    for ``x`` with other than 1 or 2 dimensions.\n    "
    '"""\n    # BEGIN SOLUTION (Task 3.2)\n    work = np.array(x, dtype=np.float64)\n'
)

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
            "np.array(x, dtype=np.float64)", "np.asarray(x, dtype=np.float64)"
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
        "work = np.array(x, dtype=np.float64)",
        "work = np.array(x)",
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
)
