"""Safe unpacking of submission zips: no absolute or ``..`` paths, no links, bounded size."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_FILES = 200
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RATIO = 200


class SubmissionRefused(ValueError):
    """A submission that is not graded at all; the message is the gradebook's reason."""


def unpack_zip(path: Path, dest: Path) -> Path:
    """Extract ``path`` into ``dest`` after checking every member; return ``dest``."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise SubmissionRefused(f"refused: not a readable zip ({err})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise SubmissionRefused(f"refused: {len(infos)} entries in the zip (limit {MAX_FILES})")
        total = 0
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
                raise SubmissionRefused(f"refused: unsafe path {name!r} in the zip")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise SubmissionRefused(f"refused: symbolic link {name!r} in the zip")
            total += info.file_size
            if info.file_size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
                raise SubmissionRefused(
                    f"refused: zip expands past {MAX_TOTAL_BYTES // 2**20} MiB (zip bomb?)"
                )
            if (
                info.compress_size
                and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 1_000_000
            ):
                raise SubmissionRefused(
                    f"refused: {name!r} compresses {info.file_size // info.compress_size}:1 (zip "
                    "bomb?)"
                )
        dest.mkdir(parents=True, exist_ok=True)
        for info in infos:
            if info.is_dir():
                continue
            target = dest.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                remaining = MAX_FILE_BYTES + 1
                while chunk := src.read(1 << 16):
                    remaining -= len(chunk)
                    if remaining < 0:
                        raise SubmissionRefused(
                            f"refused: {info.filename!r} is larger than its header says"
                        )
                    out.write(chunk)
    return dest


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
