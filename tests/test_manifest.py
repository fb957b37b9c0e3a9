from pathlib import Path

import pytest
import yaml

from autograder.manifest import ManifestError, load_manifest, parse_manifest

EXPECTED_ORDER = ["relu_ops", "pwlinr", "numerical_gradient", "moons", "sine_bias"]


def _raw(repo: Path) -> dict:
    return yaml.safe_load((repo / "course.yml").read_text())


def test_manifest_loads_in_course_order(course):
    assert course.ids == [i for i in EXPECTED_ORDER if i in course.ids]
    assert course.ids[0] == "relu_ops"


def test_every_assignment_has_points_and_files(course, repo):
    for a in course.assignments:
        assert a.total_points > 0
        for f in (*a.student_files, *a.given_files, a.notebook):
            assert (repo / "solutions" / a.id / f).is_file(), f


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("assignments", 0, "colour"), "red", "assignments[0].colour: unknown key"),
        (("assignments", 0, "groups", 1, "points"), -1, "assignments[0].groups[1].points"),
        (("assignments", 0, "seed"), "abc", "assignments[0].seed"),
        (("assignments", 0, "device", "default"), "tpu", "assignments[0].device.default"),
        (("course", "nmae"), "x", "course.nmae: unknown key"),
        (("assignments", 0, "time_limit_s"), 0, "assignments[0].time_limit_s"),
    ],
)
def test_bad_manifest_names_the_key(repo, path, value, message):
    raw = _raw(repo)
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ManifestError) as err:
        parse_manifest(raw)
    assert message in str(err.value)


def test_duplicate_ids_and_groups_are_errors(repo):
    raw = _raw(repo)
    raw["assignments"].append(dict(raw["assignments"][0]))
    with pytest.raises(ManifestError, match="duplicate assignment ids"):
        parse_manifest(raw)
    raw = _raw(repo)
    raw["assignments"][0]["groups"].append(dict(raw["assignments"][0]["groups"][0]))
    with pytest.raises(ManifestError, match="duplicate group names"):
        parse_manifest(raw)


def test_unreadable_manifest(tmp_path):
    (tmp_path / "c.yml").write_text("course: [unclosed")
    with pytest.raises(ManifestError, match="cannot read"):
        load_manifest(tmp_path / "c.yml")


def test_suites_cover_every_group(suites, course):
    for a in course.assignments:
        suite = suites[a.id]
        assert {c.group for c in suite.checks} == {g.name for g in a.groups}
        assert abs(sum(suite.points(c) for c in suite.checks) - a.total_points) < 1e-9
        assert suite.public_checks, f"{a.id} has no public checks for students"
