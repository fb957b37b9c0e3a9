"""Taking in a submission: copy a folder or unpack a zip into a fresh folder, trusting nothing.

The result is a tree of plain folders and regular files only, within fixed limits, which
everything after reads (the cache key, the notebook metadata, the student files). The
original is never followed through a link, never opened unless it is a regular file, and
never read without a size cap; anything else is a :class:`SubmissionRefused` with a
one-line reason (links, FIFOs, devices, sockets, bad or encrypted zips, unsupported
compression, names that are unsafe, too long or clash, too many files, too deep, too big).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

from autograder.checks.plaindata import PlainDataError, clean_text, read_plain_file

MAX_FILES = 200
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RATIO = 200
MAX_DEPTH = 12
MAX_NAME_BYTES = 255
MAX_NOTEBOOK_BYTES = 4 * 1024 * 1024
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


class SubmissionRefused(ValueError):
    """A submission that is not graded at all; the message is the gradebook's reason."""


def _refuse(reason: str) -> SubmissionRefused:
    return SubmissionRefused(clean_text(f"refused: {reason}", 300))


def _check_name(name: str, where: str) -> None:
    if name in ("", ".", "..") or "\x00" in name or "/" in name or "\\" in name:
        raise _refuse(f"unsafe name {name!r} in {where}")
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise _refuse(f"a name longer than {MAX_NAME_BYTES} bytes in {where}")


def take_in(path: Path, dest: Path) -> Path:
    """Copy the folder or unpack the zip at ``path`` into ``dest`` (which must not exist); return
    it."""
    try:
        info = os.lstat(path)
    except OSError as err:
        raise _refuse(f"cannot read the submission ({err.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        raise _refuse("the submission is a symbolic link (pass the file or folder itself)")
    if stat.S_ISDIR(info.st_mode):
        copy_folder(path, dest)
    elif stat.S_ISREG(info.st_mode):
        unpack_zip(path, dest)
    else:
        raise _refuse("the submission is not a regular file or folder")
    return dest


def copy_folder(src: Path, dest: Path) -> None:
    """Copy ``src`` into ``dest`` without following links, iteratively (any depth is refused, not
    recursed)."""
    count = total = 0
    stack = [(src, dest, 0)]
    while stack:
        here, there, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _refuse(f"folders nested deeper than {MAX_DEPTH} levels")
        there.mkdir(parents=depth == 0)
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            raise _refuse(f"cannot list a folder of the submission ({err.strerror})") from None
        for entry in entries:
            rel = Path(entry.path).relative_to(src).as_posix()
            _check_name(entry.name, "the folder")
            count += 1
            if count > MAX_FILES:
                raise _refuse(f"more than {MAX_FILES} entries in the folder")
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                raise _refuse(f"{rel} is a symbolic link")
            if stat.S_ISDIR(mode):
                stack.append((Path(entry.path), there / entry.name, depth + 1))
            elif stat.S_ISREG(mode):
                try:
                    data = read_plain_file(Path(entry.path), MAX_FILE_BYTES)
                except PlainDataError as err:
                    raise _refuse(f"{rel}: {err}") from None
                total += len(data)
                if total > MAX_TOTAL_BYTES:
                    raise _refuse(f"the folder holds more than {MAX_TOTAL_BYTES // 2**20} MiB")
                _write_new(there / entry.name, data)
            else:
                raise _refuse(f"{rel} is not a regular file (a FIFO, socket or device)")


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _member_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    name = info.filename
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise _refuse(f"unsafe path {name!r} in the zip")
    parts = tuple(p for p in name.replace("\\", "/").split("/") if p != "")
    if not parts or ".." in parts or "." in parts:
        raise _refuse(f"unsafe path {name!r} in the zip")
    for part in parts:
        _check_name(part, "the zip")
    if len(parts) > MAX_DEPTH + 1:
        raise _refuse(f"folders nested deeper than {MAX_DEPTH} levels in the zip")
    return parts


def _check_members(infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    """Every member checked before anything is written: names, kinds, sizes, flags, clashes."""
    if len(infos) > MAX_FILES:
        raise _refuse(f"{len(infos)} entries in the zip (limit {MAX_FILES})")
    files: dict[tuple[str, ...], zipfile.ZipInfo] = {}
    folders: set[tuple[str, ...]] = set()
    total = 0
    for info in infos:
        parts = _member_parts(info)
        folders.update(parts[:i] for i in range(1, len(parts)))
        if info.is_dir():
            folders.add(parts)
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse(f"symbolic link {info.filename!r} in the zip")
        if info.flag_bits & 0x1:
            raise _refuse(f"{info.filename!r} is encrypted")
        if info.compress_type not in COMPRESSIONS:
            raise _refuse(
                f"{info.filename!r} uses an unsupported compression method ({info.compress_type})"
            )
        if parts in files:
            raise _refuse(f"{info.filename!r} appears twice in the zip")
        files[parts] = info
        total += info.file_size
        if info.file_size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
            raise _refuse(f"zip expands past {MAX_TOTAL_BYTES // 2**20} MiB (zip bomb?)")
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise _refuse(f"{info.filename!r} compresses {int(ratio)}:1 (zip bomb?)")
    clash = sorted("/".join(p) for p in files if p in folders)
    if clash:
        raise _refuse(f"{clash[0]!r} is both a file and a folder in the zip")
    return [(info, parts) for parts, info in files.items()]


def unpack_zip(path: Path, dest: Path) -> Path:
    """Extract ``path`` into ``dest`` after checking every member; return ``dest``."""
    try:
        zf = zipfile.ZipFile(path)
    except Exception as err:  # BadZipFile, OSError, ValueError, NotImplementedError, ...
        raise _refuse(f"not a readable zip ({type(err).__name__}: {err})") from None
    with zf:
        try:
            members = _check_members(zf.infolist())
        except SubmissionRefused:
            raise
        except Exception as err:
            raise _refuse(f"not a readable zip ({type(err).__name__}: {err})") from None
        dest.mkdir(parents=True)
        for info, parts in members:
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                _extract(zf, info, target)
            except SubmissionRefused:
                raise
            except OSError as err:
                if err.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise  # the grader's disk, not the submission: a grading error
                raise _refuse(f"{info.filename!r} cannot be extracted ({err.strerror})") from None
            except Exception as err:  # bad CRC, truncated data, corrupt stream
                raise _refuse(
                    f"{info.filename!r} is corrupt ({type(err).__name__}: {err})"
                ) from None
    return dest


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    remaining = MAX_FILE_BYTES
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with zf.open(info) as src, os.fdopen(fd, "wb") as out:
        while chunk := src.read(1 << 16):
            remaining -= len(chunk)
            if remaining < 0:
                raise _refuse(f"{info.filename!r} is larger than its header says")
            out.write(chunk)


def files_of(root: Path) -> Iterator[Path]:
    """The regular files of a taken-in tree, sorted (it holds nothing else)."""
    return iter(sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()))


def find_student_root(directory: Path, module_file: str) -> Path | None:
    """The folder holding ``module_file``: the top level, or one level of nesting (a zipped
    folder)."""
    if (directory / module_file).is_file():
        return directory
    hits = [
        p.parent
        for p in directory.glob(f"*/{module_file}")
        if p.is_file() and "__MACOSX" not in p.parts
    ]
    return hits[0] if len(hits) == 1 else None


def notebook_assignment(root: Path) -> str | None:
    """The ``otter.assignment_name`` of the first notebook in a taken-in tree that names one."""
    for nb in files_of(root):
        if nb.suffix != ".ipynb":
            continue
        try:
            meta = json.loads(read_plain_file(nb, MAX_NOTEBOOK_BYTES).decode("utf-8", "replace"))[
                "metadata"
            ]
            name = meta["otter"]["assignment_name"]
        except (ValueError, KeyError, TypeError, RecursionError, PlainDataError):
            continue
        if isinstance(name, str):
            return clean_text(name, 60)
    return None
