"""The trusted parent: it never runs student code and believes nothing a child says.

``batch`` (``course grade``), ``submission`` (one submission: unpack, stage, run, judge),
``supervise`` (watching children and their limits), ``launcher`` (starting children, warm
or cold), ``protections`` (what the sandbox can do here), ``unpack``, ``results``,
``cache``, ``canary`` and ``gradebook``.
"""
