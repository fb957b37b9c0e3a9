"""Torch's global random generator as a contract clause: a call must leave it where it found it.

Functions whose randomness comes from a private ``torch.Generator`` (or that draw nothing) must
neither draw from nor reseed the caller's global generator. A probe seeds the global generator
with a value the grader chose (:func:`seed_global`), calls the student function, then draws
:data:`RNG_DRAWS` numbers from it (:func:`global_draws`). The judge compares them with what a
local generator seeded the same way gives (:func:`draws_after_seed`): equal only when the call
left the global generator alone. Reseeding with the function's own ``seed`` and drawing from
the global generator both change the numbers.

Probe side: :func:`seed_global`, :func:`global_draws` (run in the child). Judge side:
:func:`draws_after_seed`, :func:`untouched` (never touch the global generator, so they are safe
in the grading parent's threads).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import Verdict, as_error
from autograder.checks.judging import as_array, num

RNG_DRAWS = 6
"""How many ``torch.rand`` numbers a probe draws after the call (a float64 array of this
length)."""


def seed_global(seed: int) -> None:
    """Probe side: ``torch.manual_seed(seed)`` on the child's global generator."""
    import torch

    torch.manual_seed(int(seed))


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


def untouched(after: Any, global_seed: int, what: str, advice: str, outcome: Any = None) -> Verdict:
    """Judge side: passes when ``after`` (the probe's :func:`global_draws`) is what the global
    generator gives straight after ``torch.manual_seed(global_seed)``; else a message naming
    ``what`` (the call) and ``advice`` (what to do instead). ``outcome``: the call's recorded
    outcome, failing the check when it is an error payload (the call raised)."""
    err = as_error(outcome)
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    got = as_array(after, shape=(RNG_DRAWS,), name=f"torch.rand after {what}")
    want = draws_after_seed(global_seed)
    if np.array_equal(got, want):
        return Verdict(True, f"{what} leaves torch's global generator untouched")
    return Verdict(
        False,
        f"after torch.manual_seed({global_seed}) and {what}, torch.rand() gives {num(got[0])}, "
        f"expected {num(want[0])}: the call drew from or reseeded torch's global generator; "
        f"{advice}",
    )
