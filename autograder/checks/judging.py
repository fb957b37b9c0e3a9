"""Small helpers judges share: relative error, array coercion, formatted failures."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import Verdict, as_error


def rel_error(a: Any, b: Any) -> float:
    """CS231n-style relative error ``max |a-b| / max(1e-8, |a|+|b|)`` (0 for identical arrays)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"shape {a.shape} does not match expected {b.shape}")
    if a.size == 0:
        return 0.0
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return float("inf")
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def as_array(
    value: Any, *, shape: tuple[int, ...] | None = None, name: str = "result"
) -> np.ndarray:
    """``value`` as a float64 array, optionally of a required shape."""
    arr = np.asarray(value, dtype=np.float64)
    if shape is not None and arr.shape != shape:
        raise ValueError(f"{name} has shape {arr.shape}, expected {shape}")
    return arr


def num(x: Any) -> str:
    """A number as plain text with every digit needed to tell it apart (``0.1``, ``-4.553212``,
    ``nan``), never a numpy repr such as ``np.float64(0.78)``."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v)) if not isinstance(x, float | np.floating) else f"{v:.1f}"
    return repr(v)


def article(word: str) -> str:
    """``word`` with its indefinite article: ``an int``, ``a list``, ``a numpy.float64``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def difference(got: Any, want: Any) -> str:
    """``got`` against ``want`` with both in full and, for numbers, their relative error."""
    text = f"got {num(got)}, expected {num(want)}"
    try:
        g, w = float(got), float(want)
    except (TypeError, ValueError):
        return text
    if np.isfinite(g) and np.isfinite(w) and w != 0 and g != w:
        text += f" (relative error {abs(g - w) / abs(w):.2g})"
    return text


def first_mismatch(
    got: Any, want: Any, labels: Any, *, atol: float = 0.0, rtol: float = 0.0
) -> str | None:
    """Describe the first position where ``got`` and ``want`` differ beyond the tolerances."""
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if g.shape != w.shape:
        return f"got {g.size} values, expected {w.size}"
    bad = ~np.isclose(g, w, atol=atol, rtol=rtol, equal_nan=False)
    if not bad.any():
        return None
    i = int(np.argmax(bad))
    label = labels[i]
    where = num(label) if isinstance(label, int | float | np.number) else str(label)
    return f"at {where}: {difference(g.flat[i], w.flat[i])}"


def failure(data: Any, key: str, what: str) -> Verdict | None:
    """A failing verdict naming ``what`` when the probe recorded that it raised (see
    :func:`autograder.checks.core.attempt`), else None."""
    value = data.get(key) if isinstance(data, dict) else None
    err = as_error(value)
    return None if err is None else Verdict(False, f"{what} raised {err.describe()}")


def compare(
    got: Any, want: Any, labels: Any, what: str, *, atol: float = 0.0, rtol: float = 0.0
) -> Verdict:
    """Pass when ``got`` matches ``want`` elementwise; otherwise name the first mismatch."""
    miss = first_mismatch(got, want, labels, atol=atol, rtol=rtol)
    if miss is None:
        return Verdict(True, f"{what}: all {np.asarray(want).size} values match")
    return Verdict(False, f"{what} is wrong {miss}")


def all_of(*verdicts: Verdict) -> Verdict:
    """The first failing verdict, or a pass joining the messages."""
    for v in verdicts:
        if not v.passed:
            return v
    return Verdict(True, "; ".join(v.message for v in verdicts))
