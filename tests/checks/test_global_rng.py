"""The global-generator clause (autograder.checks.global_rng): the judge's expected draws are the
global generator's own, computed without touching it, and a reseeding or drawing call fails."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder.checks.global_rng import (
    RNG_DRAWS,
    draws_after_seed,
    global_draws,
    seed_global,
    untouched,
)


@pytest.fixture(autouse=True)
def _global_generator_restored():
    """These tests seed the worker's global generator; later tests get it back as it was."""
    state = torch.get_rng_state()
    yield
    torch.set_rng_state(state)


def test_expected_draws_are_the_global_generators_and_leave_it_alone():
    seed_global(123)
    state = torch.get_rng_state()
    want = draws_after_seed(98765)
    assert torch.equal(torch.get_rng_state(), state), "the judge side moved the global generator"
    seed_global(98765)
    got = global_draws()
    assert got.dtype == np.float64 and got.shape == (RNG_DRAWS,)
    assert np.array_equal(got, want)


def test_untouched_passes_only_when_nothing_moved_the_generator():
    seed_global(4711)
    assert untouched(global_draws(), 4711, "f()", "advice").passed

    seed_global(4711)
    torch.manual_seed(5)  # a call that reseeds with its own seed
    v = untouched(global_draws(), 4711, "f(seed=5)", "leave it alone")
    assert not v.passed and "f(seed=5)" in v.message and "leave it alone" in v.message

    seed_global(4711)
    torch.randn(3)  # a call that draws from the global generator
    assert not untouched(global_draws(), 4711, "g()", "advice").passed


def test_a_call_that_raised_fails_with_its_error():
    from autograder.checks.core import error

    seed_global(4711)
    v = untouched(
        global_draws(), 4711, "h()", "advice", outcome=error("ValueError", "bad activation")
    )
    assert not v.passed and "h() raised ValueError" in v.message
