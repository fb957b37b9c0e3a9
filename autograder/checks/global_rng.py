"""Torch's global random generator as a contract clause: a call must leave it where it found it.

Functions whose randomness comes from a private ``torch.Generator`` (or that draw nothing) must
neither draw from nor reseed the caller's global generators. A probe seeds torch's global
generator with a value the grader chose and draws :data:`PRE_DRAWS` number from it
(:func:`seed_global`), calls the student function inside :func:`watched_seeding`, then draws
:data:`RNG_DRAWS` numbers (:func:`global_draws`). The judge compares them with what a local
generator treated the same way gives (:func:`draws_after_global_seed`): equal only when the call
left the global generator alone. Reseeding (with the function's own ``seed``, or with
``torch.initial_seed()``: the draw before the call makes that show) and drawing both change the
numbers. What the numbers cannot show, a state saved and put back (``fork_rng``,
``get_rng_state``/``set_rng_state``, ``random.setstate``), the watch records: every call of a
global seeding or state-setting function (torch, torch.cuda, numpy, random) made during the call,
and whether numpy's or Python's global state moved.

Probe side: :func:`seed_global`, :func:`watched_seeding`, :func:`global_draws` (run in the
child). Judge side: :func:`draws_after_seed`, :func:`draws_after_global_seed`, :func:`untouched`
(never touch the global generator, so they are safe in the grading parent's threads).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from autograder.checks.core import Verdict, as_error
from autograder.checks.judging import as_array, num

RNG_DRAWS = 6
"""How many ``torch.rand`` numbers a probe draws after the call (a float64 array of this
length)."""


PRE_DRAWS = 1
"""How many numbers :func:`seed_global` draws after seeding: a call that reseeds the generator
with ``torch.initial_seed()`` (the probe's seed) then shows."""

SEEDERS: dict[str, tuple[str, ...]] = {
    "torch": ("manual_seed", "seed", "set_rng_state"),
    "torch.random": ("manual_seed", "seed", "set_rng_state", "fork_rng"),
    "torch.cuda": ("manual_seed", "manual_seed_all", "seed", "seed_all", "set_rng_state"),
    "numpy.random": ("seed", "set_state"),
    "random": ("seed", "setstate"),
}
"""The global seeding and state-setting functions :func:`watched_seeding` records (module, names):
a call of any of them changes or puts back a generator the caller owns."""


def seed_global(seed: int) -> None:
    """Probe side: ``torch.manual_seed(seed)`` on the child's global generator, then
    :data:`PRE_DRAWS` draws from it."""
    import torch

    torch.manual_seed(int(seed))
    torch.rand(PRE_DRAWS)


@contextmanager
def watched_seeding() -> Iterator[dict[str, Any]]:
    """Probe side: for the ``with`` body, every function of :data:`SEEDERS` (of the modules
    already imported) records its calls; on exit the record holds ``seeding`` (the names called,
    in order, at most 20), ``numpy_moved`` and ``random_moved`` (numpy's and Python's global
    state differ from before). The functions are put back on exit."""
    import random

    record: dict[str, Any] = {"seeding": [], "numpy_moved": False, "random_moved": False}
    saved: list[tuple[Any, str, Any]] = []

    def recorder(label: str, fn: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if len(record["seeding"]) < 20:
                record["seeding"].append(label)
            return fn(*args, **kwargs)

        return call

    for mod_name, names in SEEDERS.items():
        mod = sys.modules.get(mod_name)
        for name in names if mod is not None else ():
            fn = getattr(mod, name, None)
            if callable(fn):
                saved.append((mod, name, fn))
                setattr(mod, name, recorder(f"{mod_name}.{name}", fn))
    np_before = np.random.get_state(legacy=False)
    random_before = random.getstate()
    try:
        yield record
    finally:
        for mod, name, fn in reversed(saved):
            setattr(mod, name, fn)
        record["numpy_moved"] = not _same_state(np.random.get_state(legacy=False), np_before)
        record["random_moved"] = random.getstate() != random_before


def _same_state(a: Any, b: Any) -> bool:
    """numpy's ``get_state(legacy=False)`` dicts (nested, with arrays) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_state(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(a, b))
    return bool(a == b)


def global_draws(draws: int = RNG_DRAWS) -> np.ndarray:
    """Probe side: the next ``draws`` numbers of the child's global generator, float64 (draws,)."""
    import torch

    return torch.rand(draws).double().numpy()


def draws_after_seed(seed: int, draws: int = RNG_DRAWS) -> np.ndarray:
    """Judge side: what ``torch.rand(draws)`` gives right after ``torch.manual_seed(seed)``,
    from a local generator (the global one is never touched), float64 (draws,)."""
    import torch

    gen = torch.Generator().manual_seed(int(seed))
    return torch.rand(draws, generator=gen).double().numpy()


def draws_after_global_seed(seed: int, draws: int = RNG_DRAWS) -> np.ndarray:
    """Judge side: what ``torch.rand(draws)`` gives after :func:`seed_global` (``seed``), from a
    local generator treated the same way, float64 (draws,)."""
    import torch

    gen = torch.Generator().manual_seed(int(seed))
    torch.rand(PRE_DRAWS, generator=gen)
    return torch.rand(draws, generator=gen).double().numpy()


def untouched(
    after: Any,
    global_seed: int,
    what: str,
    advice: str,
    outcome: Any = None,
    watch: Any = None,
) -> Verdict:
    """Judge side: passes when ``after`` (the probe's :func:`global_draws`) is what the global
    generator gives after :func:`seed_global` (``global_seed``) and, where ``watch`` (the
    record of :func:`watched_seeding`) is given, the call seeded, restored or moved no global
    generator; else a message naming ``what`` (the call) and ``advice`` (what to do instead).
    ``outcome``: the call's recorded outcome, failing the check when it is an error payload
    (the call raised)."""
    err = as_error(outcome)
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    got = as_array(after, shape=(RNG_DRAWS,), name=f"torch.rand after {what}")
    want = draws_after_global_seed(global_seed)
    if not np.array_equal(got, want):
        return Verdict(
            False,
            f"after torch.manual_seed({global_seed}), torch.rand(1) and {what}, torch.rand() "
            f"gives {num(got[0])}, expected {num(want[0])}: the call drew from or reseeded "
            f"torch's global generator; {advice}",
        )
    if watch is not None:
        moved = _watch_faults(watch)
        if moved:
            return Verdict(False, f"{what} {moved}; {advice}")
    return Verdict(True, f"{what} leaves the global random generators untouched")


def _watch_faults(watch: Any) -> str:
    """What a :func:`watched_seeding` record says the call did to the global generators, or
    ``""`` when nothing."""
    if not isinstance(watch, dict):
        return "sent no record of the global generators"
    seeding = watch.get("seeding")
    if not isinstance(seeding, list) or not all(isinstance(n, str) for n in seeding):
        return "sent no record of the global generators"
    faults = []
    if seeding:
        names = ", ".join(dict.fromkeys(n[:60] for n in seeding))
        faults.append(
            f"called {names} (a global generator seeded or its state put back; with the "
            "state restored afterwards the numbers look untouched, but the caller's generator "
            "was still used)"
        )
    if watch.get("numpy_moved") is not False:
        faults.append("drew from numpy's global generator (np.random.*)")
    if watch.get("random_moved") is not False:
        faults.append("drew from Python's global random module")
    return " and ".join(faults)
