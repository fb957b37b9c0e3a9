"""What an instructor hands ``course grade``: zips, folders, folders of submissions, and
Gradescope "Export Submissions" folders, expanded into one :class:`Entry` per submission.

* a zip, or a folder holding files at its top level (the student's module, a notebook): one
  submission;
* a folder holding only folders and zips: a folder of submissions, one per entry;
* a folder with ``submission_metadata.yml`` (Gradescope's export): one submission per
  ``submission_<id>`` folder it lists, with each submitter's name, SID and email.

A path that does not exist is an :class:`InboxError` before anything is graded. Nothing here
opens a student's file; links are listed as entries and refused by the intake.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from autograder.checks.plaindata import PlainDataError, clean_text, read_plain_file

METADATA = "submission_metadata.yml"
MAX_METADATA_BYTES = 16 * 2**20
SUBMISSION_SUFFIXES = (".py", ".ipynb")


class InboxError(ValueError):
    """The inbox itself cannot be read (a path that does not exist, unreadable metadata)."""


@dataclass(frozen=True)
class Entry:
    """One submission to grade: where it is, its gradebook label, and who submitted it."""

    path: Path
    label: str
    name: str = ""
    sid: str = ""
    email: str = ""


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_folder_of_submissions(folder: Path) -> bool:
    """Only folders and zips at the top (no module or notebook of its own)."""
    entries = list(os.scandir(folder))
    if not entries:
        return False
    has_own_files = any(
        e.name.endswith(SUBMISSION_SUFFIXES) and not e.is_dir(follow_symlinks=False)
        for e in entries
    )
    kinds = [e.is_dir(follow_symlinks=False) or e.name.endswith(".zip") for e in entries]
    return not has_own_files and all(kinds)


def _field(person: dict[str, Any], key: str) -> str:
    value = person.get(f":{key}", person.get(key, ""))
    return clean_text("" if value is None else value, 120)


def gradescope_export(folder: Path) -> list[Entry]:
    """The submissions a Gradescope export lists, with their submitters (several are joined)."""
    try:
        meta = yaml.safe_load(read_plain_file(folder / METADATA, MAX_METADATA_BYTES))
    except (PlainDataError, yaml.YAMLError, RecursionError) as err:
        raise InboxError(f"{folder / METADATA}: cannot read it ({clean_text(err, 200)})") from None
    if not isinstance(meta, dict):
        raise InboxError(f"{folder / METADATA}: expected a mapping of submission folders")
    out = []
    for key, info in sorted(meta.items(), key=lambda kv: str(kv[0])):
        people = (
            info.get(":submitters", info.get("submitters", [])) if isinstance(info, dict) else []
        )
        people = [p for p in people if isinstance(p, dict)] if isinstance(people, list) else []
        label = clean_text(key, 120)
        out.append(
            Entry(
                folder / str(key),
                label,
                name="; ".join(_field(p, "name") for p in people),
                sid="; ".join(_field(p, "sid") for p in people),
                email="; ".join(_field(p, "email") for p in people),
            )
        )
    return out


def expand(paths: list[Path]) -> list[Entry]:
    """Every submission in ``paths``, in order, with unique labels."""
    entries: list[Entry] = []
    for path in paths:
        if not os.path.lexists(path):
            raise InboxError(f"{path}: no such file or folder")
        if _is_dir(path) and (path / METADATA).is_file():
            entries += gradescope_export(path)
        elif _is_dir(path) and _is_folder_of_submissions(path):
            entries += [Entry(path / e, clean_text(e, 120)) for e in sorted(os.listdir(path))]
        else:
            entries.append(Entry(path, clean_text(path.name, 120)))
    return unique_labels(entries)


def unique_labels(entries: list[Entry]) -> list[Entry]:
    """``entries`` in order, each with a label no other entry has.

    A name that is already clean text keeps it as its label, first come first served; a
    name that cleaning changed (``carol\x1b[m.zip`` shows as ``carol.zip``) and a second copy
    of a name get ``<label>~<n>``, the smallest n >= 2 no entry holds. So a crafted file name
    never takes another submission's label or row, whichever sorts first.
    """
    raw = [e.path.name if e.label == clean_text(e.path.name, 120) else e.label for e in entries]
    taken: set[str] = set()
    keeps = [False] * len(entries)
    for i, e in enumerate(entries):
        if raw[i] == e.label and e.label not in taken:
            taken.add(e.label)
            keeps[i] = True
    unique = []
    for i, e in enumerate(entries):
        if keeps[i]:
            unique.append(e)
            continue
        n = 2
        while f"{e.label}~{n}" in taken:
            n += 1
        taken.add(f"{e.label}~{n}")
        unique.append(Entry(e.path, f"{e.label}~{n}", e.name, e.sid, e.email))
    return unique
