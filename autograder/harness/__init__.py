"""What runs next to student code: in a grading child, or in the student's own kernel.

``request`` (what a child is asked to do), ``child`` and ``zygote`` (the grading child and
its warm parent), ``sandbox`` (how a child confines itself before it imports the
submission), ``inprocess`` (the one runner that runs probes in the calling process: pytest,
the Otter entry point, calibration) and ``otter_entry``. Nothing here computes a score that
``course grade`` believes: its verdicts come from :mod:`autograder.grading`, in a process
that never ran student code.
"""
