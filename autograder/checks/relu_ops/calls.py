"""Judging one function's calls at the grader's points (shared by the public and hidden checks).

The probes record every call on its own (``probes._call``): ``{"value", "type"}`` of what it
returned, or the error it raised. A check reads the calls of the one function it names, so a
neighbour that raises or returns the wrong type never costs it anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.checks.core import ERROR_KEY, ProbeError, Verdict, as_error
from autograder.checks.judging import article, difference, num
from autograder.checks.plaindata import clean_text
from autograder.checks.relu_ops.probes import recompute_at

CALLS = {
    "relu": "relu({x})",
    "leaky_relu": "leaky_relu({x})",
    "Relu": "Relu(Variable({x})).compute()",
    "LeakyRelu": "LeakyRelu(Variable({x})).compute()",
    "Relu_grad": "Relu.get_parent_grad(parent) at parent.value = {x}",
    "LeakyRelu_grad": "LeakyRelu.get_parent_grad(parent) at parent.value = {x}",
}
"""How each recorded function is named in messages, by its key in the probe's data."""
PLAIN = ("relu", "leaky_relu")
"""The functions called with the grader's value directly (numpy and int inputs included); the
nodes' parents are Variables, whose values are always floats."""


def error_in(value: Any) -> ProbeError | None:
    """The error a recorded call raised, also when the grader's inputs were laid over the record
    (a case of a list of cases gets its ``x`` and ``y`` added to the error payload)."""
    if isinstance(value, dict) and ERROR_KEY in value:
        return as_error({ERROR_KEY: value[ERROR_KEY]}) or ProbeError("Error", "")
    return None


@dataclass(frozen=True)
class Calls:
    """One function's outcomes at the grader's points ``xs``."""

    key: str
    xs: list[float]
    values: np.ndarray
    types: list[str]
    rows: list[dict[str, Any]]
    kinds: list[str] | None = None

    def call(self, i: int) -> str:
        return CALLS[self.key].format(x=self.arg(i))

    def arg(self, i: int) -> str:
        """The argument as the caller wrote it: ``2.25``, ``np.float64(2.25)`` or ``3``."""
        kind = self.kinds[i] if self.kinds and self.key in PLAIN else "float"
        x = self.xs[i]
        if kind == "numpy":
            return f"np.float64({num(x)})"
        return str(int(x)) if kind == "int" else num(x)


def read(data: dict[str, Any], key: str) -> Calls | Verdict:
    """The calls recorded under ``key``, or a failing verdict naming the first call that raised."""
    xs = [float(x) for x in data["x"]]
    rows = data[key]
    whole = error_in(rows)
    if whole is not None:
        return Verdict(False, f"{CALLS[key].format(x='x')} raised {whole.describe()}")
    if not isinstance(rows, list) or len(rows) != len(xs):
        raise ValueError(f"{key}: expected {len(xs)} results")
    for x, row in zip(xs, rows):
        err = error_in(row)
        if err is not None:
            return Verdict(False, f"{CALLS[key].format(x=num(x))} raised {err.describe()}")
    values = np.array([float(r["value"]) for r in rows], dtype=np.float64)
    types = [clean_text(r["type"], 80) for r in rows]
    kinds = [str(k) for k in data["kinds"]] if "kinds" in data else None
    return Calls(key, xs, values, types, rows, kinds)


Hint = Callable[[float, float], str]


a = article
"""``word`` with its indefinite article (the shared :func:`~autograder.checks.judging.article`)."""


def values(
    data: dict[str, Any],
    key: str,
    want: Sequence[float],
    *,
    rtol: float = 0.0,
    hint: Hint | None = None,
) -> Verdict:
    """Pass when every call returned ``want`` (exactly, or within ``rtol``); else name the first
    call that did not, with both numbers and (where true) a hint ``hint(x, got)``."""
    calls = read(data, key)
    if isinstance(calls, Verdict):
        return calls
    want_arr = np.asarray(want, dtype=np.float64)
    bad = ~np.isclose(calls.values, want_arr, rtol=rtol, atol=0.0)
    if not bad.any():
        return Verdict(True, f"{CALLS[key].format(x='x')}: all {len(calls.xs)} values match")
    i = int(np.argmax(bad))
    got, expected = float(calls.values[i]), float(want_arr[i])
    if np.isnan(got) and calls.types[i] not in ("float", "int"):
        return Verdict(False, f"{calls.call(i)} gave {a(calls.types[i])}, not a number")
    extra = hint(calls.xs[i], got) if hint else ""
    return Verdict(False, f"{calls.call(i)}: {difference(got, expected)}{extra}")


def python_floats(data: dict[str, Any], key: str, what: str) -> Verdict:
    """Pass when every call gave a Python ``float`` (not an int, bool, numpy or torch scalar)."""
    calls = read(data, key)
    if isinstance(calls, Verdict):
        return calls
    for i, t in enumerate(calls.types):
        if t != "float":
            fix = " (float(...) converts it)" if np.isfinite(calls.values[i]) else ""
            return Verdict(
                False, f"{calls.call(i)}: {what} is {a(t)}, expected a Python float{fix}"
            )
    return Verdict(True, f"{what}: a Python float at all {len(calls.xs)} inputs")


def parent_unchanged(calls: Calls) -> Verdict | None:
    """A failing verdict when ``compute`` changed its parent's value, else None."""
    for i, row in enumerate(calls.rows):
        after = float(row["parent_after"])
        if not after == calls.xs[i]:
            return Verdict(
                False,
                f"{calls.call(i)} changed its parent's value from {num(calls.xs[i])} to "
                f"{num(after)}: set self.value only",
            )
    return None


def node_values(
    data: dict[str, Any],
    key: str,
    want: Sequence[float],
    rtol: float,
    hint: Hint | None = None,
    again: Callable[[float], float] | None = None,
) -> Verdict:
    """``values`` of a node's ``compute``, which must also leave its parent's value as it was;
    with ``again`` (the op as a function of the parent's value), a second ``compute`` after the
    parent changed must give the new value."""
    calls = read(data, key)
    if isinstance(calls, Verdict):
        return calls
    changed = parent_unchanged(calls)
    if changed is not None:
        return changed
    got = values(data, key, want, rtol=rtol, hint=hint)
    if not got.passed or again is None:
        return got
    stale = recomputed(calls, again, rtol)
    return got if stale is None else stale


def recomputed(calls: Calls, again: Callable[[float], float], rtol: float) -> Verdict | None:
    """A failing verdict when a second ``compute``, after ``parent.set(recompute_at(x))``, did
    not give ``again(x)`` (the node kept its first value, or raised), else None."""
    for i, row in enumerate(calls.rows):
        second = recompute_at(calls.xs[i])
        what = f"{calls.call(i)}, then parent.set({num(second)}) and compute() again"
        err = error_in(row.get("again"))
        if err is not None:
            return Verdict(False, f"{what}: the second compute raised {err.describe()}")
        got, want = float(row["again"]["value"]), again(second)
        if not np.isclose(got, want, rtol=rtol, atol=0.0):
            kept = " (it kept its first value: read the parent's value on every compute)"
            first = float(calls.values[i])
            return Verdict(
                False,
                f"{what}: {difference(got, want)}" + (kept if got == first != want else ""),
            )
    return None


def at_current_value(data: dict[str, Any], key: str, grad: Callable[[float], float]) -> Verdict:
    """Pass when every node's ``get_parent_grad``, asked again after ``parent.set(recompute_at(x))``
    (no new ``compute``), gave ``grad`` of the parent's new value; else name the first that did
    not (the first calls' outcomes are the other gradient checks' business)."""
    calls = read(data, key)
    if isinstance(calls, Verdict):
        return calls
    for i, row in enumerate(calls.rows):
        second = recompute_at(calls.xs[i])
        what = f"{calls.call(i)}, then parent.set({num(second)}) and get_parent_grad(parent) again"
        err = error_in(row.get("again"))
        if err is not None:
            return Verdict(False, f"{what}: it raised {err.describe()}")
        got, want = float(row["again"]["value"]), grad(second)
        if not got == want:
            hint = (
                " (it answered for the old value: read the parent's current value, not the node's "
                "stored one)"
                if got == float(calls.values[i]) != want
                else ""
            )
            return Verdict(False, f"{what}: {difference(got, want)}{hint}")
    op = CALLS[key].split(".")[0]
    return Verdict(
        True,
        f"{op}.get_parent_grad follows the parent's current value (parent set again without a "
        f"new compute, at all {len(calls.xs)} points)",
    )
