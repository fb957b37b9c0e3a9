"""The global-generator clause (autograder.checks.global_rng): the judge's expected draws are the
global generator's own, computed without touching it, and a call that reseeds, draws, or saves
and puts back a global generator's state fails."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from autograder.checks.global_rng import (
    RNG_DRAWS,
    draws_after_global_seed,
    draws_after_seed,
    global_draws,
    seed_global,
    untouched,
    watched_seeding,
)


@pytest.fixture(autouse=True)
def _global_generators_restored():
    """These tests seed the worker's global generators; later tests get them back as they were."""
    state, np_state, py_state = torch.get_rng_state(), np.random.get_state(), random.getstate()
    yield
    torch.set_rng_state(state)
    np.random.set_state(np_state)
    random.setstate(py_state)


def test_expected_draws_are_the_global_generators_and_leave_it_alone():
    seed_global(123)
    state = torch.get_rng_state()
    want = draws_after_global_seed(98765)
    assert np.array_equal(draws_after_seed(98765)[:1], draws_after_seed(98765, 1))
    assert torch.equal(torch.get_rng_state(), state), "the judge side moved the global generator"
    seed_global(98765)
    got = global_draws()
    assert got.dtype == np.float64 and got.shape == (RNG_DRAWS,)
    assert np.array_equal(got, want)


def _call_watched(seed: int, call) -> tuple[np.ndarray, dict]:
    seed_global(seed)
    with watched_seeding() as watch:
        call()
    return global_draws(), watch


def test_untouched_passes_only_when_nothing_moved_the_generator():
    after, watch = _call_watched(4711, lambda: torch.Generator().manual_seed(3))
    assert watch == {"seeding": [], "numpy_moved": False, "random_moved": False}
    assert untouched(after, 4711, "f()", "advice", watch=watch).passed

    after, watch = _call_watched(4711, lambda: torch.manual_seed(5))  # reseeds with its own seed
    v = untouched(after, 4711, "f(seed=5)", "leave it alone", watch=watch)
    assert not v.passed and "f(seed=5)" in v.message and "leave it alone" in v.message

    # reseeding with the probe's own seed: only the draw before the call shows it
    after, watch = _call_watched(4711, lambda: torch.manual_seed(torch.initial_seed()))
    assert not untouched(after, 4711, "f()", "advice").passed

    after, watch = _call_watched(4711, lambda: torch.randn(3))  # draws from the global generator
    assert not untouched(after, 4711, "g()", "advice", watch=watch).passed


def _fork_and_seed() -> None:
    with torch.random.fork_rng():
        torch.manual_seed(1)
        torch.rand(2)


def _save_and_restore() -> None:
    saved = random.getstate()
    random.seed(1)
    random.random()
    random.setstate(saved)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (_fork_and_seed, "torch.random.fork_rng"),
        (lambda: torch.set_rng_state(torch.get_rng_state()), "torch.set_rng_state"),
        (_save_and_restore, "random.seed"),
        (lambda: np.random.permutation(4), "numpy's global generator"),
        (lambda: random.random(), "Python's global random module"),
        (lambda: np.random.seed(0), "numpy.random.seed"),
    ],
)
def test_state_put_back_or_other_generators_fail_by_the_watch(call, said):
    after, watch = _call_watched(4711, call)
    assert np.array_equal(after, draws_after_global_seed(4711)), "the torch numbers look untouched"
    v = untouched(after, 4711, "f()", "advice", watch=watch)
    assert not v.passed and said in v.message, v.message


def test_the_watch_puts_every_function_back():
    before = (torch.manual_seed, torch.random.fork_rng, np.random.seed, random.setstate)
    with watched_seeding():
        assert torch.manual_seed is not before[0]
    assert (torch.manual_seed, torch.random.fork_rng, np.random.seed, random.setstate) == before


def test_a_missing_or_forged_watch_record_fails():
    after, _ = _call_watched(4711, lambda: None)
    for forged in ("nothing", {"seeding": "none"}, {"seeding": [3]}):
        assert not untouched(after, 4711, "f()", "advice", watch=forged).passed


def test_a_call_that_raised_fails_with_its_error():
    from autograder.checks.core import error

    seed_global(4711)
    v = untouched(
        global_draws(), 4711, "h()", "advice", outcome=error("ValueError", "bad activation")
    )
    assert not v.passed and "h() raised ValueError" in v.message
