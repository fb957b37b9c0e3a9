"""Skip cosmic-ray mutations outside solution regions (given code is not what students write).

Usage: python scripts/cr_filter_regions.py SESSION.sqlite SOLUTION_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult

from autograder.authoring.regions import find_regions


def main(session: str, solution: str) -> None:
    regions = find_regions(Path(solution).read_text(), solution)
    inside = {line for r in regions for line in range(r.start + 1, r.end)}
    skipped = kept = 0
    with use_db(session, WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            lines = {m.start_pos[0] for m in item.mutations}
            if lines & inside:
                kept += 1
            else:
                db.set_result(
                    item.job_id,
                    WorkResult(
                        worker_outcome=WorkerOutcome.SKIPPED,
                        output="given code (outside solution regions)",
                    ),
                )
                skipped += 1
    print(f"mutations inside solution regions: {kept}; skipped in given code: {skipped}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
