"""The notebook's last cell: the student's submission zip, made by Otter's ``grader.export``.

One definition for every notebook (and for ``course new``): it saves the notebook first where
the frontend allows (``force_save``: JupyterLab through ipylab, the classic notebook through
JavaScript; elsewhere Otter warns and takes the file as last saved), writes one zip with a fixed
name (``export_path``), so that a second export replaces the first instead of piling up, shows a
download link, and says which file it wrote and what is in it.
"""

from __future__ import annotations


def export_name(assignment_id: str) -> str:
    """The zip the export cell writes, replaced on every export."""
    return f"{assignment_id}_submission.zip"


def export_cell_source(assignment_id: str, files: list[str]) -> str:
    """The export cell's code for an assignment whose students submit ``files``."""
    name = export_name(assignment_id)
    listed = ", ".join(f'"{f}"' for f in files)
    return (
        f"# Saves this notebook, then writes {name} (this notebook and {', '.join(files)}),\n"
        "# replacing the zip of any earlier export. Upload that zip.\n"
        "grader.export(\n"
        "    pdf=False,\n"
        f"    files=[{listed}],\n"
        f'    export_path="{name}",\n'
        "    force_save=True,\n"
        "    display_link=True,\n"
        ")\n"
        f'print("wrote {name}: upload this file")'
    )


def submit_markdown(assignment_id: str, files: list[str]) -> str:
    """The markdown cell above the export cell."""
    listed = " and ".join(f"`{f}`" for f in files)
    return (
        "## Submit\n\n"
        f"Run the cell below. It saves this notebook, then writes `{export_name(assignment_id)}` "
        f"with this notebook and {listed}, replacing the zip of an earlier export, and prints "
        "its name. Upload that zip."
    )


def is_export_cell(source: str) -> bool:
    """Whether a code cell is the export cell."""
    return "grader.export(" in source
