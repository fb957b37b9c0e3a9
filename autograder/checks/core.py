"""The vocabulary of checks: probes, judges, verdicts and the contexts they receive.

A *probe* is the student half of a check. It receives the student's module and a
:class:`ProbeContext`, calls student code, and returns plain data
(:mod:`autograder.checks.plaindata`). A *judge* receives that data and a
:class:`JudgeContext` (thresholds, parameters) and returns a :class:`Verdict`.
Judges never see student objects, so they can run in a process that never ran
student code.

A probe's *inputs* (the points, seeds, starting weights and data it feeds to student
code) come from a builder declared with ``@PROBES.probe(inputs=builder)``. The registry
calls the builder and hands the result to the probe as ``ctx.inputs``; the probe returns
only what student code produced. The judging process calls the same builder and lays its
own inputs over the returned data (:func:`with_inputs`). A child that reports inputs of
its own choosing (a forged result with x = 0 everywhere, a shorter list of cases) is never
believed.

Checks are declared next to their judges with a :class:`CheckTable` (one per ``public.py``
and ``hidden.py``): the judge's name is the check's, its docstring's first paragraph the
description, the probe defaults to the check's name and ``hidden`` to the file.
"""

from __future__ import annotations

import hashlib
import importlib
import random
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.plaindata import clean_text

ProbeFn = Callable[[ModuleType, "ProbeContext"], Any]
InputsFn = Callable[["ProbeContext"], dict[str, Any]]
JudgeFn = Callable[[Any, "JudgeContext"], "Verdict"]


@dataclass(frozen=True)
class Verdict:
    """A judged outcome: pass/fail, a message a student can act on, and the measured value."""

    passed: bool
    message: str
    value: float | None = None


def derive_seed(base: int, name: str) -> int:
    """A seed for one probe: stable across runs and independent of probe order."""
    digest = hashlib.sha256(f"{base}:{name}".encode()).digest()
    return int.from_bytes(digest[:4], "little")


def seed_everything(seed: int) -> None:
    """Seed ``random``, numpy and, when it is imported, torch on every device.

    torch is never imported here: by the time a probe runs, the student's module and the probes
    are imported (and the grading child preloads torch), so an assignment that uses torch has it
    in ``sys.modules``, and a numpy-only one does not pay seconds for ``import torch`` in the
    student's local checks."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)


def resolve_device(device: str) -> str:
    """Map ``auto`` to ``cuda`` when available, else ``cpu``; validate the rest."""
    if device not in ("cpu", "cuda", "auto"):
        raise ValueError(f"device must be cpu, cuda or auto, not {device!r}")
    if device == "cpu":
        return "cpu"
    try:
        import torch

        available = torch.cuda.is_available()
    except ImportError:  # pragma: no cover
        available = False
    if device == "cuda" and not available:
        raise RuntimeError("--device cuda was asked for but torch.cuda.is_available() is False")
    return "cuda" if available else "cpu"


@dataclass(frozen=True)
class ProbeContext:
    """What a probe may know: its seed, the device, the assignment's parameters, and the
    inputs the registry built for it (``{}`` for a probe without an input builder)."""

    seed: int
    device: str = "cpu"
    params: Mapping[str, Any] = field(default_factory=dict)
    inputs: Mapping[str, Any] = field(default_factory=dict)

    def module(self, name: str) -> ModuleType:
        """Import a sibling module of the submission (a given file such as ``scalar_graph``)."""
        return importlib.import_module(name)

    def param(self, key: str) -> Any:
        if key not in self.params:
            raise KeyError(f"course.yml params has no {key!r}")
        return self.params[key]


@dataclass(frozen=True)
class JudgeContext:
    """What a judge may know: thresholds and parameters from the manifest, the device."""

    thresholds: Mapping[str, float]
    params: Mapping[str, Any] = field(default_factory=dict)
    device: str = "cpu"

    def threshold(self, key: str) -> float:
        if key not in self.thresholds:
            raise KeyError(f"course.yml thresholds has no {key!r}")
        return float(self.thresholds[key])

    def param(self, key: str) -> Any:
        if key not in self.params:
            raise KeyError(f"course.yml params has no {key!r}")
        return self.params[key]


@dataclass(frozen=True, kw_only=True)
class Check:
    """One check, defined once: identity, scoring, the probe it runs and how it is judged."""

    name: str
    group: str
    judge: JudgeFn
    description: str
    probe: str
    hidden: bool
    weight: float = 1.0
    seeded: bool = False
    """A convergence check whose outcome depends on the seed (``course validate --seeds N`` sweeps
    it)."""
    threshold: str | float | None = None
    """The ``course.yml`` threshold key (or a number) its verdict's value is compared with (for
    margins)."""
    higher_is_better: bool = False
    device_only: bool = False
    """Tests a device clause (``.to(device)``, results on the CPU): only meaningful off the CPU.
    On a CPU it passes (when the probe ran without raising) with a message that says it was
    not checked."""


NOT_CHECKED_ON_CPU = "not checked on this machine (cpu): a device clause needs --device cuda"


def first_paragraph(doc: str | None) -> str:
    """The first paragraph of a docstring as one line (a check's description)."""
    text = (doc or "").strip().split("\n\n", 1)[0]
    return " ".join(line.strip() for line in text.splitlines())


class CheckTable:
    """The checks of one file, declared next to their judges with :meth:`check`.

    ``CHECKS = CheckTable(__name__)`` in ``public.py`` makes public checks; anywhere else
    (``hidden.py``) hidden ones.
    """

    def __init__(self, module: str) -> None:
        self.hidden = module.rsplit(".", 1)[-1] != "public"
        self._checks: list[Check] = []

    def check(
        self,
        group: str,
        *,
        name: str | None = None,
        probe: str | None = None,
        description: str | None = None,
        weight: float = 1.0,
        seeded: bool = False,
        threshold: str | float | None = None,
        higher_is_better: bool = False,
        device_only: bool = False,
    ) -> Callable[[JudgeFn], JudgeFn]:
        """Declare the decorated judge as a check of ``group`` (stackable: one judge, several
        checks).

        ``name`` defaults to the judge's name, ``probe`` to the check's name and
        ``description`` to the first paragraph of the judge's docstring.
        """

        def register(judge: JudgeFn) -> JudgeFn:
            check_name = name or judge.__name__
            text = description or first_paragraph(judge.__doc__)
            if not text:
                raise ValueError(
                    f"check {check_name!r} needs a description (a docstring on its judge)"
                )
            self._checks.append(
                Check(
                    name=check_name,
                    group=group,
                    judge=judge,
                    description=text,
                    probe=probe or check_name,
                    hidden=self.hidden,
                    weight=weight,
                    seeded=seeded,
                    threshold=threshold,
                    higher_is_better=higher_is_better,
                    device_only=device_only,
                )
            )
            return judge

        return register

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks)

    def __len__(self) -> int:
        return len(self._checks)


class ProbeRegistry:
    """The probes of one assignment, by name (filled by the ``@registry.probe`` decorator)."""

    def __init__(self) -> None:
        self._probes: dict[str, ProbeFn] = {}
        self._inputs: dict[str, InputsFn] = {}

    def probe(self, fn: ProbeFn | None = None, *, inputs: InputsFn | None = None) -> Any:
        """Register a probe (``@PROBES.probe``), with the builder of its inputs
        (``@PROBES.probe(inputs=f)``)."""

        def register(f: ProbeFn) -> ProbeFn:
            if f.__name__ in self._probes:
                raise ValueError(f"probe {f.__name__!r} defined twice")
            self._probes[f.__name__] = f
            if inputs is not None:
                self._inputs[f.__name__] = inputs
            return f

        return register(fn) if fn is not None else register

    def inputs(self, name: str, ctx: ProbeContext) -> dict[str, Any]:
        """The inputs probe ``name`` feeds to student code under ``ctx`` (``{}`` if it declares
        none)."""
        build = self._inputs.get(name)
        return {} if build is None else build(ctx)

    def run(self, name: str, module: ModuleType, ctx: ProbeContext) -> Any:
        """Run probe ``name`` with fresh seeds and its inputs in ``ctx.inputs``.

        Exceptions (even ``SystemExit``) become error payloads. Each probe starts from torch's
        defaults and leaves the caller's behind (:func:`torch_defaults`): a student call that
        turns gradients off costs only the checks of the probe that made it.
        """
        seed_everything(ctx.seed)
        with torch_defaults():
            try:
                return self._probes[name](module, replace(ctx, inputs=self.inputs(name, ctx)))
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                return error_payload(exc)

    def __getitem__(self, name: str) -> ProbeFn:
        return self._probes[name]

    def __contains__(self, name: object) -> bool:
        return name in self._probes

    def names(self) -> list[str]:
        return list(self._probes)


@dataclass(frozen=True)
class ProbeError:
    """A probe that raised: the exception's type and message (student code's or ours)."""

    kind: str
    message: str

    def describe(self) -> str:
        return f"{self.kind}: {self.message}" if self.message else self.kind


ERROR_KEY = "__probe_error__"
MAX_MESSAGE = 500


def error(kind: str, message: str) -> dict[str, Any]:
    """The plain-data form of a failure of ``kind`` (a probe's, or the grader's: Timeout, ChildDied,
    ...)."""
    return {ERROR_KEY: {"kind": kind, "message": message}}


def error_payload(exc: BaseException) -> dict[str, Any]:
    """The plain-data form of an exception raised by a probe (its type and first line)."""
    text = str(exc).strip().splitlines()
    return error(type(exc).__name__, (text[0] if text else "")[:300])


def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, or the error payload of what it raised: a probe that calls several
    student functions records each one's outcome on its own, so one that raises fails its own
    checks only (:func:`autograder.checks.judging.failure`)."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        return error_payload(exc)


def as_error(data: Any) -> ProbeError | None:
    """Return the :class:`ProbeError` carried by ``data``, if it is an error payload (its text
    cleaned: a child chooses it)."""
    if isinstance(data, dict) and set(data) == {ERROR_KEY} and isinstance(data[ERROR_KEY], dict):
        info = data[ERROR_KEY]
        kind = clean_text(info.get("kind", "Error"), 80)
        return ProbeError(kind, clean_text(info.get("message", ""), 300))
    return None


def with_inputs(data: Any, inputs: Mapping[str, Any]) -> Any:
    """``data`` with the grader's ``inputs`` laid over it: every input key wins over the child's.

    Dicts merge key by key. A list of dicts (cases, knot sets, runs) merges item by item and
    needs a list of exactly as many results in ``data``, so the grader's inputs also fix how
    many cases there are. Anything else is replaced outright.
    """
    if not isinstance(data, dict):
        raise ValueError(f"expected a mapping of results, got {type(data).__name__}")
    out = dict(data)
    for key, value in inputs.items():
        got = data.get(key)
        if isinstance(value, dict):
            out[key] = with_inputs({} if got is None else got, value)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if not isinstance(got, list) or len(got) != len(value):
                have = len(got) if isinstance(got, list) else type(got).__name__
                raise ValueError(f"{key!r}: expected {len(value)} results, got {have}")
            out[key] = [with_inputs(g, v) for g, v in zip(got, value)]
        else:
            out[key] = value
    return out


@contextmanager
def torch_defaults() -> Iterator[None]:
    """torch's defaults while inside (grad mode on, default dtype float32), when torch is
    imported; the caller's grad mode and default dtype afterwards, whatever the code inside set.
    Judges run under it (one that replays training needs gradients, whatever a notebook cell or
    an earlier in-process probe left), and so do in-process probes."""
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    grad, dtype = torch.is_grad_enabled(), torch.get_default_dtype()
    torch.set_grad_enabled(True)
    torch.set_default_dtype(torch.float32)
    try:
        yield
    finally:
        torch.set_grad_enabled(grad)
        torch.set_default_dtype(dtype)


def judge(
    check: Check, data: Any, ctx: JudgeContext, inputs: Mapping[str, Any] | None = None
) -> Verdict:
    """Judge plain data (with the grader's ``inputs`` laid over it); probe errors and judge
    crashes on malformed data are failures."""
    err = as_error(data)
    if err is not None:
        return Verdict(False, f"your code raised {err.describe()}")
    if check.device_only and ctx.device == "cpu":
        return Verdict(True, NOT_CHECKED_ON_CPU)
    try:
        if inputs:
            data = with_inputs(data, inputs)
        with torch_defaults():
            verdict = check.judge(data, ctx)
    except Exception as exc:  # malformed data (huge numbers, wrong shapes) fails this check only
        return Verdict(
            False, f"unexpected result shape or type ({type(exc).__name__}: {str(exc)[:200]})"
        )
    if not isinstance(verdict, Verdict):  # pragma: no cover - our own bug
        raise TypeError(f"judge of {check.name} returned {type(verdict).__name__}")
    # Messages quote reported values, which a child chooses: one clean line, capped.
    message = clean_text(verdict.message, MAX_MESSAGE)
    return (
        verdict if message == verdict.message else Verdict(verdict.passed, message, verdict.value)
    )
