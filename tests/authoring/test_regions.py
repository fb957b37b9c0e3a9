import pytest

from autograder.authoring.regions import RegionError, find_regions, make_stub, strip_markers

SRC = '''def f(x: int) -> int:
    """Doc."""
    # BEGIN SOLUTION (Task 1.2)
    return x + 1
    # END SOLUTION


class A:
    def g(self) -> None:
        """Doc g."""
        # BEGIN SOLUTION (Task 1.3)
        print("secret")
        # END SOLUTION


# BEGIN SOLUTION (Task 1.4)
# STUB: RATE = None
RATE = 0.5
# END SOLUTION
'''


def test_stub_keeps_signature_and_docstring_and_names_the_task():
    stub = make_stub(SRC, "m.py")
    assert (
        'def f(x: int) -> int:\n    """Doc."""\n    # TODO(Task 1.2): implement f\n    raise '
        'NotImplementedError("Task 1.2: implement f")' in stub
    )
    assert 'raise NotImplementedError("Task 1.3: implement A.g")' in stub
    assert "RATE = None" in stub and "RATE = 0.5" not in stub
    assert "secret" not in stub and "x + 1" not in stub
    compile(stub, "m.py", "exec")


def test_regions_and_strip():
    regions = find_regions(SRC)
    assert [(r.task, r.where, r.start, r.end) for r in regions] == [
        ("1.2", "f", 3, 5),
        ("1.3", "A.g", 11, 13),
        ("1.4", "<module>", 16, 19),
    ]
    plain = strip_markers(SRC)
    assert "SOLUTION" not in plain and "STUB" not in plain and "RATE = 0.5" in plain


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "x = 1\n# BEGIN SOLUTION (Task 1.1)\ny = 2\n",
            "m.py:2: BEGIN SOLUTION without END SOLUTION",
        ),
        (
            "# BEGIN SOLUTION (Task 1.1)\n# BEGIN SOLUTION (Task 1.2)\n# END SOLUTION\n",
            "m.py:2: nested solution region",
        ),
        ("y = 2\n# END SOLUTION\n", "m.py:2: END SOLUTION without a BEGIN SOLUTION"),
        ("# BEGIN SOLUTION Task 1.1\n", "m.py:1: malformed marker"),
    ],
)
def test_bad_regions_name_file_and_line(text, where):
    with pytest.raises(RegionError) as err:
        make_stub(text, "m.py")
    assert str(err.value).startswith(where)
