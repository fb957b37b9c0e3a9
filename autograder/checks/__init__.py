"""Check definitions: one package per assignment (``probes``, ``public``, ``hidden``).

* ``probes.py`` is the student half of each check: it calls student code and returns
  plain data. It is the only check code a sandboxed grading child ever receives.
* ``public.py`` and ``hidden.py`` define the checks (name, group, points weight,
  visibility, which probe) and the judges that turn plain data into a verdict.
"""
