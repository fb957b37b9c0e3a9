"""Every function students write has a contract, and every part of it a check that can fail.

The contract (``autograder/checks/<id>/contract.py``) lists, per function, each clause of its
docstring and each argument with the checks that test it; ``docs/contract/<id>.md`` is
generated from it. Each pinned argument value is a mutant that must lose points (that is run
by ``tests/authoring/test_stubs_and_mutants.py`` and ``course validate``).
"""

from __future__ import annotations

import pytest

from autograder.authoring import contract
from autograder.authoring.mutants import alternatives_for, argument_mutants
from tests.runners import suites


@pytest.mark.parametrize("aid", sorted(suites()))
def test_every_function_argument_and_clause_has_a_check(aid):
    suite = suites()[aid]
    names = {c.name for c in suite.checks}
    hidden = {c.name for c in suite.checks if c.hidden}
    assert contract.contract_for(aid), f"{aid} has no contract"
    assert contract.problems(aid, names, hidden) == []


@pytest.mark.parametrize("aid", sorted(suites()))
def test_every_argument_with_a_usual_value_is_pinned(aid):
    """Arguments with a default (and seeds, learning rates, step counts) get a mutant that
    hard-codes the value a submission would most likely hard-code."""
    for fn in contract.contract_for(aid):
        written = contract.student_functions(contract.REPO_ROOT / "solutions" / aid / fn.file)
        for arg in written[fn.name]:
            usual = arg in (
                "seed",
                "lr",
                "steps",
                "epochs",
                "h",
                "hidden",
                "activation",
                "n",
                "device",
            )
            if usual and arg != "device":
                assert fn.pins.get(arg), f"{aid}: {fn.name}({arg}) is not pinned"
    assert len(argument_mutants(aid)) == sum(
        len(v) for fn in contract.contract_for(aid) for v in fn.pins.values()
    )


@pytest.mark.parametrize("aid", sorted(suites()))
def test_every_function_has_a_differently_written_correct_alternative(aid):
    names = {fn.name.split(".")[-1] for fn in contract.contract_for(aid)}
    covered = " ".join(m.new for m in alternatives_for(aid))
    missing = sorted(
        n
        for n in names
        if n not in " ".join(m.description + " " + m.name for m in alternatives_for(aid))
    )
    assert covered and not missing, f"{aid}: no alternative for {missing}"


def test_the_contract_documents_are_current():
    assert contract.main(["--check"]) == 0, "run python -m autograder.authoring.contract"


def test_a_missing_clause_check_or_argument_is_reported(tmp_path, monkeypatch):
    """The contract test itself can fail: an argument without a check and an unknown check."""
    fn = contract.Function(
        "relu", "1.1", "relu_ops.py", (contract.Clause("x", ("nope",)),), args={}
    )
    monkeypatch.setattr(contract, "contract_for", lambda aid: (fn,))
    found = contract.problems("relu_ops", {"forward_all"}, {"forward_all"})
    assert "relu: argument 'x' has no check that varies it" in found
    assert "relu: names check 'nope', which does not exist" in found
    assert any("leaky_relu: no contract entry" in f for f in found)


def test_a_stated_convention_needs_a_public_check_and_training_a_smoke_check(monkeypatch):
    """A convention the notebook states, checked only by hidden checks, is reported; so is a
    training function without a public smoke check."""
    stated = contract.Clause("Relu'(0) = 0", ("hidden_only",), stated=True)
    fn = contract.Function("relu", "1.1", "relu_ops.py", (stated,), args={"x": ("hidden_only",)})
    fit = contract.Function(
        "fit_square",
        "1.4",
        "relu_ops.py",
        (contract.Clause("replay", ("hidden_only",), "training"),),
        args={},
        training=True,
    )
    monkeypatch.setattr(contract, "contract_for", lambda aid: (fn, fit))
    found = contract.problems("relu_ops", {"hidden_only", "public"}, {"hidden_only"})
    assert 'relu: stated convention "Relu\'(0) = 0" has no public check' in found
    assert "fit_square: a training function without a public smoke check" in found
    public = contract.Clause("Relu'(0) = 0", ("public",), stated=True)
    monkeypatch.setattr(
        contract,
        "contract_for",
        lambda aid: (contract.Function("relu", "1.1", "relu_ops.py", (public,), args={}),),
    )
    found = contract.problems("relu_ops", {"hidden_only", "public"}, {"hidden_only"})
    assert not any("stated convention" in f for f in found)


def test_a_mutant_is_traced_to_the_function_it_edits_and_that_functions_checks():
    """The in-process mutant test tries the edited function's checks first: a method, a module
    function, an argument mutant and an edit outside every function each map as they should."""
    from pathlib import Path

    from autograder.authoring.mutants import edited_function, mutants_for
    from autograder.layout import REPO_ROOT

    def named(aid: str, name: str):
        (m,) = [m for m in mutants_for(aid) if m.name == name]
        return edited_function(m, Path(REPO_ROOT) / "solutions" / aid)

    assert named("numerical_gradient", "gradient_at_divides_by_float_step") == "_gradient_at"
    assert named("moons", "train_optimizer_kept_per_model_and_lr") == "train"
    assert named("relu_ops", "leaky_slope_0_01") is None  # a module-level constant
    methods = {named("relu_ops", m.name) for m in mutants_for("relu_ops")}
    assert {"Relu.compute", "LeakyRelu.get_parent_grad"} <= methods
    own = contract.checks_of("numerical_gradient", "_gradient_at")
    assert "gradient_at_far" in own and "single_points" in own and "batches" not in own
    assert contract.checks_of("numerical_gradient", None) == ()
