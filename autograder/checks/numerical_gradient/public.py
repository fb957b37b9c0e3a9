"""Public checks of numerical_gradient: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here. Each task is checked on its own: ``numerical_gradient`` runs with
the grader's stand-in for ``_gradient_at`` (it returns the exact central difference of the
point it is handed) and ``gradient_field`` with a stand-in for ``numerical_gradient``.

Every convention the notebook and the docstrings state has a check here (h used as given, 2·D
evaluations, the point restored bit for bit also when f raises, the caller's x copied and never
changed, integer x, ValueError, _gradient_at called once per point, gradient_field's single
call on the points as rows), so a module that passes these loses no points on them; the hidden
checks add random points, other functions and other steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict, as_error
from autograder.checks.judging import all_of, num
from autograder.checks.plaindata import clean_text

CHECKS = CheckTable(__name__)

TOL = 1e-6
STAND_IN = " with the grader's stand-in for _gradient_at"
NG_STAND_IN = " with the grader's stand-in for numerical_gradient"
CUBIC = "x0³ + x0²·x1 - 2·x0·x1² - x1³/2"
CUBIC3 = "x0³ + x0·x1·x2 + 2·x1²·x2 - x2³"
D3 = "x0·x1·x2 + x0·sin(x2)"
XY_SQ = "x0·x1 + x0²"


def _text(values: Any) -> str:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0:
        return num(float(arr))
    return "[" + ", ".join(_text(v) for v in arr) + "]"


def _error(got: Any) -> str | None:
    """What a student function raised (``None``: it returned)."""
    err = as_error(got) if isinstance(got, dict) else None
    return None if err is None else err.describe()


def _close(
    got: Any,
    want: list[Any],
    what: str,
    *,
    shape_hints: dict[tuple[int, ...], str] | None = None,
    value_hints: dict[str, list[Any]] | None = None,
) -> Verdict:
    """``got`` (a probe's result record) is a float64 array of ``want``'s shape and values.

    ``shape_hints``: a hint for a wrong shape that one known mistake gives; ``value_hints``:
    ``hint -> values`` that one known mistake gives (a hint is shown only when it matches).
    """
    err = _error(got)
    if err is not None:
        return Verdict(False, f"{what} raised {err}")
    want_arr = np.asarray(want, dtype=np.float64)
    if got.get("type", "ndarray") != "ndarray":
        return Verdict(False, f"{what} returned a {got['type']}, expected a numpy array")
    shape = tuple(got["shape"])
    if shape != want_arr.shape:
        hint = (shape_hints or {}).get(shape, "")
        return Verdict(False, f"{what} has shape {shape}, expected {want_arr.shape}{hint}")
    if got["dtype"] != "float64":
        return Verdict(False, f"{what} has dtype {got['dtype']}, expected float64")
    value = np.asarray(got["value"], dtype=np.float64)
    if value.shape != want_arr.shape or not np.allclose(value, want_arr, atol=TOL, rtol=0):
        hint = next(
            (
                h
                for h, v in (value_hints or {}).items()
                if value.shape == np.shape(v) and np.allclose(value, v, atol=TOL, rtol=0)
            ),
            "",
        )
        return Verdict(False, f"{what}: got {_text(value)}, expected {_text(want_arr)}{hint}")
    return Verdict(True, f"{what} is right")


# --- Task 3.1: _gradient_at -------------------------------------------------------------------


@CHECKS.check("single_point")
def point_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at at two points"""
    return all_of(
        _close(data["xy"], [4.0, 3.0], "_gradient_at(x0·x1, point=[3.0, 4.0], h=1e-4)"),
        _close(data["sq"], [2.0, -4.0], "_gradient_at(x0² + x1², point=[1.0, -2.0], h=1e-4)"),
    )


TINY_H = "; that is the gradient itself, what a tiny h such as 1e-4 gives: use the h given"


@CHECKS.check("single_point")
def h_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at with the h given: the h² term of the central difference at h = 0.1 and 0.3"""
    return all_of(
        _close(
            data["cubic"],
            [-0.99, 3.495],  # the gradient [-1, 3.5] + h²/6 · (6, -3)
            f"_gradient_at({CUBIC}, point=[1.0, -1.0], h=0.1)",
            value_hints={TINY_H: [-1.0, 3.5]},
        ),
        _close(
            data["cubic3"],
            [2.59, -1.5, 0.16],  # the gradient [2.5, -1.5, 0.25] + h²/6 · (6, 0, -6)
            f"_gradient_at({CUBIC3}, point=[1.0, -1.0, 0.5], h=0.3)",
            value_hints={TINY_H: [2.5, -1.5, 0.25]},
        ),
    )


@CHECKS.check("single_point")
def evaluations_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at evaluates f exactly 2·D times (D = 3)"""
    what = f"_gradient_at({D3}, point=[0.5, -0.7, 1.3], h=0.01)"
    err = _error(data["outcome"])
    if err is not None:
        return Verdict(False, f"{what} raised {err}")
    n, centre = int(data["f_calls"]), int(data["at_centre"])
    if n != 6:
        hint = (
            f", {centre} of them at the unshifted point, which a central difference never needs"
            if centre and n > 6
            else ""
        )
        return Verdict(
            False,
            f"{what} evaluated f {n} times{hint}; a central difference needs exactly 2·D = 6 "
            "(f(v + h) and f(v - h) for each of the 3 coordinates)",
        )
    return Verdict(True, f"{what} evaluates f exactly 2·D = 6 times")


RESTORE_START = [0.174, 0.166, 0.101]


@CHECKS.check("input_safety", weight=2)
def restore_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at puts the point back bit for bit, also when f raises (and lets it through)"""
    start = np.array(RESTORE_START)
    what = f"_gradient_at({D3}, point={_text(start)}, h=0.01)"
    for key, when in (
        ("returned", "after it returned"),
        ("raise2", "after f raised on evaluation 2 of 6"),
        ("raise3", "after f raised on evaluation 3 of 6"),
    ):
        rec = data[key]
        outcome = clean_text(str(rec["outcome"]), 200)
        if key == "returned" and outcome != "returned":
            return Verdict(False, f"{what} raised {outcome}")
        if key != "returned" and outcome != "_Boom":
            did = (
                "returned normally (it swallowed f's exception)"
                if outcome == "returned"
                else f"raised {outcome} instead"
            )
            return Verdict(
                False, f"{what}: f raised on evaluation {key[5:]}, and _gradient_at {did}"
            )
        after = np.asarray(rec["after"], dtype=np.float64)
        if after.shape != start.shape or not np.array_equal(after, start):
            hint = ""
            if after.shape == start.shape and np.max(np.abs(after - start)) < 1e-9:
                hint = " (off by rounding: put back the saved value v, do not add or subtract h)"
            elif key != "returned":
                hint = " (restore point[i] in a finally block)"
            return Verdict(
                False, f"{what}: {when}, the point is {_text(after)}, not {_text(start)}{hint}"
            )
    return Verdict(
        True,
        f"{what} puts the point back bit for bit, also when f raises, and lets f's exception "
        "through",
    )


# --- Task 3.2: numerical_gradient, with the stand-in for _gradient_at ------------------------


@CHECKS.check("batch")
def batch_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient of one point, of a batch of two rows (N = D = 2) and of one row"""
    squeezed = {(2,): " (a batch of one row keeps its shape (1, D): do not squeeze it)"}
    return all_of(
        _close(
            data["point"],
            [4.0, 3.0],
            "numerical_gradient(x0·x1, x=[3.0, 4.0])" + STAND_IN,
            shape_hints={(1, 2): " (for one point, 1-D x, return shape (D,), not (1, D))"},
        ),
        _close(
            data["batch"],
            [[4.0, 3.0], [2.0, 1.0]],
            "numerical_gradient(x0·x1, x=[[3.0, 4.0], [1.0, 2.0]])" + STAND_IN,
            value_hints={
                "; that is the transpose of the right result: each ROW of x is one point": [
                    [4.0, 2.0],
                    [3.0, 1.0],
                ]
            },
        ),
        _close(
            data["row"],
            [[4.0, 3.0]],
            "numerical_gradient(x0·x1, x=[[3.0, 4.0]])" + STAND_IN,
            shape_hints=squeezed,
        ),
    )


BATCH_ROWS = [[0.5, -1.5], [1.25, 0.75], [-0.5, 2.0]]
BATCH_CALLS = {
    "point": ("x=[0.5, -1.5]", [[0.5, -1.5]], 1e-4),
    "point, h = 0.03": ("x=[0.5, -1.5], h=0.03", [[0.5, -1.5]], 0.03),
    "rows": ("x=[[0.5, -1.5], [1.25, 0.75], [-0.5, 2.0]]", BATCH_ROWS, 1e-4),
    "rows, h = 0.03": ("x=[[0.5, -1.5], [1.25, 0.75], [-0.5, 2.0]], h=0.03", BATCH_ROWS, 0.03),
}
"""Each case: how numerical_gradient is called, the points _gradient_at must get (once each) and
the h."""


def _calls_verdict(label: str, rec: dict[str, Any]) -> Verdict | None:
    args, rows, h = BATCH_CALLS[label]
    what = f"numerical_gradient(x0·x1, {args}){STAND_IN}"
    err = _error(rec["outcome"])
    if err is not None:
        return Verdict(False, f"{what} raised {err}")
    handed = [np.asarray(a, dtype=np.float64) for a in rec["handed"]]
    if len(handed) != len(rows):
        hint = " (write the loop over the rows with _gradient_at)" if not handed else ""
        return Verdict(
            False,
            f"{what} called _gradient_at {len(handed)} times for {len(rows)} point(s); call it "
            f"once per point{hint}",
        )
    for r, row in enumerate(rows):
        n = sum(a.shape == (2,) and np.array_equal(a, row) for a in handed)
        if n != 1:
            got = ", ".join(_text(a) for a in handed)
            return Verdict(
                False,
                f"{what} handed _gradient_at the point {_text(row)} {n} times, expected once "
                f"(it was handed {got})",
            )
    for got_h in rec["h_handed"]:
        if float(got_h) != h:
            why = "pass on the h given" if "h =" in label else "the default is h = 1e-4"
            return Verdict(
                False, f"{what} handed _gradient_at h = {num(got_h)}, expected {num(h)} ({why})"
            )
    if int(rec["f_calls"]) == 0:
        return Verdict(False, f"{what}: the caller's f never reached _gradient_at")
    return None


@CHECKS.check("batch", weight=2)
def batch_calls_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient calls _gradient_at once per point, with f and the h given (1e-4 by
    default)"""
    for label in BATCH_CALLS:
        bad = _calls_verdict(label, data[label])
        if bad is not None:
            return bad
    return Verdict(
        True,
        "numerical_gradient calls _gradient_at once per point, with f, h = 0.03 when given and "
        "1e-4 by default (one point and three rows)",
    )


COPY_CASES = {
    "batch": ("x=[[0.7, -1.3], [1.1, 0.4]]", [[0.1, 0.7], [2.6, 1.1]]),
    "read-only point": ("read-only x=[0.8, -0.35]", [1.25, 0.8]),
    "batch, f raises on evaluation 3": ("x=[[0.7, -1.3], [1.1, 0.4]]", None),
}
"""Each case: how numerical_gradient is called, and the gradient of x0·x1 + x0² (None: f
raises on evaluation 3, so the exception must reach the caller)."""
COPY_HINT = "; work on a float64 copy (np.array(x, dtype=np.float64) copies, np.asarray does not)"


@CHECKS.check("input_safety", weight=2)
def copy_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient works on a copy: x unchanged (also when f raises), never handed on,
    read-only x works"""
    for label, (args, want) in COPY_CASES.items():
        rec = data[label]
        what = f"numerical_gradient({XY_SQ}, {args}){STAND_IN}"
        if int(rec["handed_caller"]):
            why = ", whose writes into it then raise" if label.startswith("read-only") else ""
            return Verdict(
                False,
                f"{what} handed _gradient_at the caller's own array (or a view of it){why}"
                + COPY_HINT,
            )
        if int(rec["f_aliased"]):
            return Verdict(False, f"{what}: f was handed the caller's own array" + COPY_HINT)
        if want is None and rec["outcome"] != "_Boom":
            got = (
                "returned normally; let the exception through"
                if rec["outcome"] == "returned"
                else f"raised {clean_text(rec['outcome'], 200)} instead of letting f's exception "
                "through"
            )
            return Verdict(False, f"{what}: f raised on evaluation 3, and numerical_gradient {got}")
        if not rec["unchanged"]:
            when = " after f raised" if want is None else ""
            return Verdict(
                False,
                f"{what}: the caller's x is {_text(rec['x_after'])}{when}; the stand-in for "
                "_gradient_at leaves the point it is handed shifted, and that reached the "
                "caller's array" + COPY_HINT,
            )
        if want is not None:
            v = _close(rec["result"], want, what)
            if not v.passed:
                return v
    return Verdict(
        True,
        "numerical_gradient leaves x unchanged (also when f raises, and lets the exception "
        "through), never hands it on, and works on a read-only x",
    )


INTEGER_CASES = {
    "point": ("int64 x=[2, -3], h=0.05", [1.0, 2.0]),
    "batch": ("int64 x=[[1, 2], [-3, 1]], h=0.05", [[4.0, 1.0], [-5.0, -3.0]]),
}


@CHECKS.check("input_safety", weight=2)
def integer_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """integer x: float64 points handed on, a float64 result, x unchanged"""
    for label, (args, want) in INTEGER_CASES.items():
        rec = data[label]
        what = f"numerical_gradient({XY_SQ}, {args}){STAND_IN}"
        bad = sorted(set(rec["handed_dtypes"]) - {"float64"})
        if bad:
            return Verdict(
                False,
                f"{what} handed _gradient_at {', '.join(bad)} points; v + h on an int array "
                "stays an int: work on a float64 copy (np.array(x, dtype=np.float64))",
            )
        bad = sorted(set(rec["f_dtypes"]) - {"float64"})
        if bad:
            return Verdict(False, f"{what}: f got {', '.join(bad)} points, expected float64")
        v = _close(rec["result"], want, what)
        if not v.passed:
            return v
        if not rec["unchanged"]:
            return Verdict(False, f"{what} changed the caller's integer x")
    return Verdict(True, "integer x: float64 points handed on, float64 gradients, x unchanged")


@CHECKS.check("input_safety", probe="bad_dimensions", weight=2)
def dimensions_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient raises ValueError for 0-D and 3-D x"""
    wrong = {k: str(data[k]) for k in ("0-D", "3-D") if data[k] != "ValueError"}
    if wrong:
        return Verdict(
            False,
            "numerical_gradient(x0² + x1², x) with x of other than 1 or 2 dimensions must raise "
            "ValueError; got " + ", ".join(f"{k} x: {v}" for k, v in wrong.items()),
        )
    return Verdict(True, "numerical_gradient raises ValueError for 0-D and 3-D x")


# --- Task 3.3: gradient_field, with the stand-in for numerical_gradient ----------------------


FIELD_CASES = ("", ", h=0.1")
FIELD_WANT = {
    "X": [[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]],
    "Y": [[-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]],
    "U": [[1.0, 1.0, 1.0], [-1.0, -1.0, -1.0]],  # -∂(x0·x1)/∂x0 = -x1
    "V": [[1.0, 0.0, -1.0], [1.0, 0.0, -1.0]],  # -∂(x0·x1)/∂x1 = -x0
}
FIELD_ROWS = [[-1.0, -1.0], [0.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [0.0, 1.0], [1.0, 1.0]]
"""The grid points (X[j, i], Y[j, i]) as rows."""


def _field_what(i: int) -> str:
    return f"gradient_field(x0·x1, x0=[-1.0, 0.0, 1.0], x1=[-1.0, 1.0]{FIELD_CASES[i]})"


@CHECKS.check("gradient_field")
def field_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """arrows of x0·x1 on a 2 × 3 grid"""
    for i, case in enumerate(data["cases"]):
        what = _field_what(i) + NG_STAND_IN
        err = _error(case["outcome"])
        if err is not None:
            return Verdict(False, f"{what} raised {err}")
        for k, w in FIELD_WANT.items():
            got = np.asarray(case[k], dtype=np.float64)
            if got.shape != (2, 3):
                hint = (
                    " (that is np.meshgrid(x0, x1, indexing='ij'): use the default indexing)"
                    if k in "XY" and got.shape == (3, 2) and np.array_equal(got, np.transpose(w))
                    else ""
                )
                return Verdict(False, f"{what}: {k} has shape {got.shape}, expected (2, 3){hint}")
            if not np.allclose(got, w, atol=TOL, rtol=0):
                hint = (
                    "; the arrows point uphill: (U, V) = -∇f"
                    if k in "UV" and np.allclose(got, -np.asarray(w), atol=TOL, rtol=0)
                    else ""
                )
                return Verdict(False, f"{what}: {k} is {_text(got)}, expected {_text(w)}{hint}")
    return Verdict(True, "gradient_field of x0·x1 on a 2 × 3 grid is right")


@CHECKS.check("gradient_field", probe="field_public")
def field_calls_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gradient_field calls numerical_gradient once, with the points as rows and the h given"""
    rows = np.array(FIELD_ROWS)
    for i, (case, h) in enumerate(zip(data["cases"], (1e-4, 0.1))):
        what = _field_what(i) + NG_STAND_IN
        err = _error(case["outcome"])
        if err is not None:
            return Verdict(False, f"{what} raised {err}")
        calls = case["calls"]
        if len(calls) != 1:
            return Verdict(
                False,
                f"{what} called numerical_gradient {len(calls)} times; call it once, with all 6 "
                "points as the rows of one array",
            )
        points = np.asarray(calls[0]["points"], dtype=np.float64)
        if points.shape != (6, 2):
            hint = (
                " (that is np.array([X, Y]): two coordinate lists)"
                if points.shape == (2, 6)
                else ""
            )
            return Verdict(
                False,
                f"{what} handed numerical_gradient points of shape {points.shape}{hint}; build "
                "them as rows, shape (6, 2)",
            )
        if sorted(map(tuple, points)) != sorted(map(tuple, rows)):
            return Verdict(
                False,
                f"{what} handed numerical_gradient the rows {_text(points)}; expected the grid "
                f"points (X[j, i], Y[j, i]) {_text(rows)}",
            )
        if float(calls[0]["h_handed"]) != h:
            why = "the default is h = 1e-4" if i == 0 else "pass on the h given"
            return Verdict(
                False,
                f"{what} handed numerical_gradient h = {num(calls[0]['h_handed'])}, expected "
                f"{num(h)} ({why})",
            )
        if int(case["f_calls"]) == 0:
            return Verdict(False, f"{what}: the caller's f never reached numerical_gradient")
    return Verdict(
        True,
        "gradient_field calls numerical_gradient once, with the grid points as rows and h (0.1 "
        "when given, 1e-4 by default)",
    )
