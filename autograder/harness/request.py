"""What a grading child is asked to do, as typed data that crosses the process boundary as JSON.

The parent builds a :class:`ChildRequest` (``autograder.grading.launcher``), writes it to a
file the child can read, and the child parses it back with :meth:`ChildRequest.from_json`,
which checks every field's type. A warm zygote gets a :class:`ZygoteConfig` once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from autograder.harness.sandbox import Box


class RequestError(ValueError):
    """A request that does not have the expected fields and types."""


def _typed(raw: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind):
        raise RequestError(f"request field {key!r} is {type(value).__name__}, expected {kind}")
    return value


@dataclass(frozen=True)
class ProbeItem:
    """One probe to run: its index (the name of its result files), name and seed."""

    index: int
    name: str
    seed: int


@dataclass(frozen=True)
class SandboxPaths:
    """Where the sandbox's pieces are: the submission's temp root, its work folder and the
    harness."""

    root: str
    work: str
    harness: str


@dataclass(frozen=True)
class Launch:
    """How the child confines itself before importing student code.

    ``env``: the whole environment (None keeps the inherited one); ``sandbox``: enter the
    namespace sandbox (None: no namespaces); ``cpu_s``: apply resource limits with this CPU
    budget (None: no limits, a trusted tree); ``seccomp``: install the system-call filter.
    """

    log: str
    cwd: str
    env: dict[str, str] | None = None
    sandbox: Box | None = None
    cpu_s: float | None = None
    seccomp: bool = False


@dataclass(frozen=True)
class ZygoteConfig:
    """What a warm zygote imports once before it forks children."""

    threads: int = 1
    preload: tuple[str, ...] = ()
    probes_module: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> ZygoteConfig:
        raw = json.loads(text)
        return cls(
            threads=int(raw.get("threads", 1)),
            preload=tuple(str(p) for p in raw.get("preload", ())),
            probes_module=raw.get("probes_module"),
        )


@dataclass(frozen=True)
class ChildRequest:
    """Everything one grading child needs: the code to import, the probes to run, where to write."""

    harness_root: str
    probes_module: str
    module: str
    out_dir: str
    device: str
    launch: Launch
    probes: tuple[ProbeItem, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    zygote: ZygoteConfig = ZygoteConfig()
    """What a cold child imports before it starts (a warm one got it at zygote start)."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> ChildRequest:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise RequestError("a request is a JSON object")
        launch = _typed(raw, "launch", dict)
        box = launch.get("sandbox")
        return cls(
            harness_root=_typed(raw, "harness_root", str),
            probes_module=_typed(raw, "probes_module", str),
            module=_typed(raw, "module", str),
            out_dir=_typed(raw, "out_dir", str),
            device=_typed(raw, "device", str),
            launch=Launch(
                log=_typed(launch, "log", str),
                cwd=_typed(launch, "cwd", str),
                env=launch.get("env"),
                sandbox=None
                if box is None
                else Box(
                    **{**box, "cgroups": tuple(box["cgroups"]), "devices": tuple(box["devices"])}
                ),
                cpu_s=launch.get("cpu_s"),
                seccomp=bool(launch.get("seccomp", False)),
            ),
            probes=tuple(
                ProbeItem(int(p["index"]), str(p["name"]), int(p["seed"]))
                for p in _typed(raw, "probes", list)
            ),
            params=_typed(raw, "params", dict),
            zygote=ZygoteConfig.from_json(json.dumps(raw.get("zygote", {}))),
        )
