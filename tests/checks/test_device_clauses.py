"""Device clauses on a CPU-only machine: never a silent pass. A device check whose probe ran is
given with "not checked on this machine" and listed by ``course grade``; one whose probe raised
(a stub) fails like any other check."""

from __future__ import annotations

from rich.console import Console

from autograder.checks.core import NOT_CHECKED_ON_CPU, JudgeContext, Verdict, error_payload, judge
from autograder.grading.batch import print_summary
from autograder.grading.results import CheckOutcome, SubmissionResult
from tests.runners import suites


def _device_check():
    for suite in suites().values():
        for check in suite.checks:
            if check.device_only:
                return suite, check
    raise AssertionError("no assignment has a device clause")


def test_a_device_check_on_cpu_is_given_only_when_its_probe_ran():
    suite, check = _device_check()
    ctx = JudgeContext(thresholds={}, device="cpu")
    ran = judge(check, {"anything": 1}, ctx)
    assert ran == Verdict(True, NOT_CHECKED_ON_CPU)
    raised = judge(check, error_payload(NotImplementedError("Task 9.9: stub")), ctx)
    assert not raised.passed and "Task 9.9" in raised.message


def test_the_gradebook_summary_lists_the_unchecked_device_clauses():
    suite, check = _device_check()
    result = SubmissionResult(
        "a.zip",
        suite.spec.id,
        [CheckOutcome(check.name, check.group, True, 1.0, True, NOT_CHECKED_ON_CPU)],
    )
    console = Console(record=True, width=200)
    print_summary([result], suite, console)
    text = console.export_text()
    assert "not checked on this machine" in text and check.name in text
