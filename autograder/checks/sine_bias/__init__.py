"""sine_bias checks: ``probes`` (run next to student code), ``public`` (ships to students),
``hidden`` and ``reference`` (stay with the grader), ``mutants`` and ``calibrate``
(authoring only). What ships where is computed from the imports (:mod:`autograder.layout`).
"""
