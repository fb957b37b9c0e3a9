"""moons checks: ``probes`` (run next to student code), ``public`` (ships to students),
``hidden`` and ``reference`` (stay with the grader), ``mutants`` and ``calibrate``
(authoring only). What ships where is computed from the imports (:mod:`autograder.layout`).
"""

PRELOAD = ("sklearn.datasets",)
"""Imported by the warm grading process before it forks children: the given code of moons.py
imports ``make_moons`` from scikit-learn, which costs about a second per fresh interpreter."""
