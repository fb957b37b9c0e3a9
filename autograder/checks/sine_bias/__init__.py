"""sine_bias checks.

``PROBE_FILES`` are the only files of this folder a grading child receives;
``PUBLIC_FILES`` the only ones a student release receives (no hidden judges, no
judge-side reference, no calibration script).
"""

PROBE_FILES = ("__init__.py", "probes.py")
PUBLIC_FILES = (*PROBE_FILES, "public.py")
