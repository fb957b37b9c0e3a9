"""Plain data: what a probe may return, and how it crosses a process boundary.

Allowed values: ``None``, ``bool``, ``int``, ``float``, ``str``, lists/tuples and
string-keyed dicts of those, and numeric or boolean numpy arrays. On disk a result is
one JSON document whose arrays are replaced by ``{"__ndarray__": "<file>.npy"}``
references; arrays are read back with ``allow_pickle=False``. Nothing else is ever
deserialized, and every read is size-capped.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import numpy as np

MAX_JSON_BYTES = 4 * 1024 * 1024
MAX_ARRAY_BYTES = 16 * 1024 * 1024
"""For all the arrays of one result together (the largest honest result is well under 1 MiB)."""
MAX_DEPTH = 32
_ARRAY_KEY = "__ndarray__"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,120}\.npy$")
_KINDS = "biuf"  # bool, signed, unsigned, float


class PlainDataError(ValueError):
    """A value that is not plain data, or a result file that breaks the format or limits."""


def sanitize(value: Any, depth: int = 0) -> Any:
    """Return ``value`` as plain data (numpy scalars become Python numbers) or raise."""
    if depth > MAX_DEPTH:
        raise PlainDataError("nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _KINDS:
            raise PlainDataError(f"array of dtype {value.dtype} is not plain data")
        return np.array(value, copy=True)
    if isinstance(value, (list, tuple)):
        return [sanitize(v, depth + 1) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str) or k == _ARRAY_KEY:
                raise PlainDataError(f"dict key {k!r} is not allowed")
            out[k] = sanitize(v, depth + 1)
        return out
    raise PlainDataError(f"{type(value).__name__} is not plain data")


def dump(value: Any, directory: Path, stem: str) -> Path:
    """Write ``value`` as ``<stem>.json`` (+ ``<stem>.<n>.npy``) in ``directory``."""
    directory = Path(directory)
    counter = 0

    def encode(v: Any) -> Any:
        nonlocal counter
        if isinstance(v, np.ndarray):
            name = f"{stem}.{counter}.npy"
            counter += 1
            np.save(directory / name, v, allow_pickle=False)
            return {_ARRAY_KEY: name}
        if isinstance(v, list):
            return [encode(x) for x in v]
        if isinstance(v, dict):
            return {k: encode(x) for k, x in v.items()}
        return v

    doc = json.dumps(encode(sanitize(value)), allow_nan=True)
    path = directory / f"{stem}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(doc, encoding="utf-8")
    tmp.replace(path)
    return path


def read_plain_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file (not a link, FIFO or device) of at most
    ``limit`` bytes.

    Opened without following links and without blocking, then checked on the open
    descriptor, so swapping the file for something else between check and read does not help.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        raise PlainDataError(
            f"{Path(path).name} is missing or not a plain file ({err.strerror})"
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PlainDataError(f"{Path(path).name} is not a plain file")
        if info.st_size > limit:
            raise PlainDataError(f"{Path(path).name} is over {limit} bytes")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise PlainDataError(f"{Path(path).name} is over {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _load_array(directory: Path, name: Any, limit: int) -> np.ndarray:
    """One referenced ``.npy`` file of at most ``limit`` bytes."""
    if not isinstance(name, str) or not _SAFE_NAME.match(name):
        raise PlainDataError(f"bad array reference {name!r}")
    raw = read_plain_file(directory / name, limit)
    try:
        arr = np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, OSError, EOFError) as err:
        raise PlainDataError(f"array file {name} is not a plain .npy array: {err}") from None
    if not isinstance(arr, np.ndarray):
        raise PlainDataError(f"array file {name} is not a single array")
    if arr.dtype.kind not in _KINDS:
        raise PlainDataError(f"array file {name} has dtype {arr.dtype}")
    return arr


def load(path: Path) -> Any:
    """Read a result written by :func:`dump`, trusting nothing in it.

    Each array file may be referenced once, and all arrays of the result together are
    capped at ``MAX_ARRAY_BYTES`` (a small JSON naming one big file many times would
    otherwise make this process load it many times over).
    """
    path = Path(path)
    raw = read_plain_file(path, MAX_JSON_BYTES)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise PlainDataError(f"{path.name} is not valid JSON: {type(err).__name__}") from None
    seen: set[str] = set()
    budget = MAX_ARRAY_BYTES  # what the result's arrays may still take

    def decode(v: Any, depth: int = 0) -> Any:
        nonlocal budget
        if depth > MAX_DEPTH:
            raise PlainDataError("nested too deeply")
        if isinstance(v, dict):
            if _ARRAY_KEY in v:
                if len(v) != 1:
                    raise PlainDataError("array reference with extra keys")
                name = v[_ARRAY_KEY]
                if not isinstance(name, str) or name in seen:
                    raise PlainDataError(f"bad or repeated array reference {str(name)[:80]!r}")
                seen.add(name)
                arr = _load_array(path.parent, name, budget)
                budget -= arr.nbytes
                return arr
            return {k: decode(x, depth + 1) for k, x in v.items()}
        if isinstance(v, list):
            return [decode(x, depth + 1) for x in v]
        return v

    return decode(doc)


_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, erase
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks, clipboard
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b."  # any other two-character escape
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: Any, limit: int = 500) -> str:
    """``value`` as one safe line for a CSV, JSON, a terminal or a plot.

    Terminal escape sequences and control characters (C0, C1, line and paragraph separators,
    bidirectional overrides) are removed (whitespace controls become a space), lone
    surrogates become U+FFFD, and the text is capped at ``limit`` characters. It is plain
    text: whoever prints it must not interpret markup in it.
    """
    text = value if isinstance(value, str) else str(value)
    text = _SURROGATES.sub("\ufffd", text)
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c\u2028\u2029" else "", text)
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def roundtrip(value: Any) -> Any:
    """Sanitize in memory the way :func:`dump` + :func:`load` would (used in-process)."""
    clean = sanitize(value)
    json.dumps(clean, default=lambda a: None, allow_nan=True)  # proves JSON-encodable
    return clean


def is_finite_number(x: Any) -> bool:
    """True for a real, finite int or float (not bool)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
