"""moons checks.

``PROBE_FILES`` are the only files of this folder a grading child receives;
``PUBLIC_FILES`` the only ones a student release receives (no hidden judges, no
judge-side reference, no calibration script). ``PRELOAD``: modules the warm grading
process imports before it forks children (the given code of moons.py imports
``make_moons`` from scikit-learn, which costs about a second per fresh interpreter).
"""

PROBE_FILES = ("__init__.py", "probes.py")
PUBLIC_FILES = (*PROBE_FILES, "public.py")
PRELOAD = ("sklearn.datasets",)
