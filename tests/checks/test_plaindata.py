import json

import numpy as np
import pytest

from autograder.checks import plaindata
from autograder.checks.core import as_error, error_payload


def test_roundtrip_through_files(tmp_path):
    value = {
        "a": [1, 2.5, None, True, "s"],
        "arr": np.arange(6, dtype=np.float32).reshape(2, 3),
        "n": np.int64(3),
    }
    plaindata.dump(value, tmp_path, "0")
    back = plaindata.load(tmp_path / "0.json")
    assert back["a"] == [1, 2.5, None, True, "s"] and back["n"] == 3
    np.testing.assert_array_equal(back["arr"], value["arr"])
    assert back["arr"].dtype == np.float32


@pytest.mark.parametrize(
    "bad", [object(), {1: 2}, np.array([object()]), lambda: 1, {"__ndarray__": "x.npy"}]
)
def test_non_plain_values_are_refused(bad):
    with pytest.raises(plaindata.PlainDataError):
        plaindata.sanitize(bad)


def test_pickled_arrays_and_path_tricks_are_refused(tmp_path):
    np.save(tmp_path / "evil.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    (tmp_path / "0.json").write_text(json.dumps({"__ndarray__": "evil.npy"}))
    with pytest.raises(ValueError):
        plaindata.load(tmp_path / "0.json")
    (tmp_path / "1.json").write_text(json.dumps({"__ndarray__": "../etc/passwd.npy"}))
    with pytest.raises(plaindata.PlainDataError, match="bad array reference|bad or repeated"):
        plaindata.load(tmp_path / "1.json")
    (tmp_path / "2.json").write_text("x" * (plaindata.MAX_JSON_BYTES + 1))
    with pytest.raises(plaindata.PlainDataError, match="over"):
        plaindata.load(tmp_path / "2.json")


def test_error_payload_roundtrip():
    try:
        raise NotImplementedError("Task 1.1: implement relu")
    except NotImplementedError as exc:
        err = as_error(plaindata.roundtrip(error_payload(exc)))
    assert err is not None and err.describe() == "NotImplementedError: Task 1.1: implement relu"


def test_result_files_that_are_not_plain_files_are_refused_without_blocking(tmp_path):
    """A FIFO (a blocking read would hang the grader), a link to /dev/zero, an oversized file."""
    import os

    from autograder.checks.plaindata import PlainDataError, load, read_plain_file

    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "big.json").write_bytes(b"[" + b"0," * 100 + b"0]")
    for name in ("fifo.json", "zero.json"):
        with pytest.raises(PlainDataError):
            load(tmp_path / name)
    with pytest.raises(PlainDataError, match="over 10 bytes"):
        read_plain_file(tmp_path / "big.json", 10)
    assert read_plain_file(tmp_path / "big.json", 1000).startswith(b"[0,")


def test_one_big_array_named_many_times_is_refused(tmp_path):
    """A 2 KB JSON naming a 12 MiB array 64 times would make the grader load 768 MiB."""
    np.save(tmp_path / "a.npy", np.zeros(12 * 2**20 // 8), allow_pickle=False)
    (tmp_path / "0.json").write_text(json.dumps({"data": {"x": [{"__ndarray__": "a.npy"}] * 64}}))
    with pytest.raises(plaindata.PlainDataError, match="repeated"):
        plaindata.load(tmp_path / "0.json")


def test_all_arrays_of_a_result_share_one_budget(tmp_path):
    names = []
    for i in range(3):  # 3 × 6 MiB > 16 MiB
        np.save(tmp_path / f"a{i}.npy", np.zeros(6 * 2**20 // 8), allow_pickle=False)
        names.append({"__ndarray__": f"a{i}.npy"})
    (tmp_path / "0.json").write_text(json.dumps({"data": names[:2]}))
    assert len(plaindata.load(tmp_path / "0.json")["data"]) == 2
    (tmp_path / "1.json").write_text(json.dumps({"data": names}))
    with pytest.raises(plaindata.PlainDataError, match="over"):
        plaindata.load(tmp_path / "1.json")


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path):
    (tmp_path / "0.json").write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(plaindata.PlainDataError, match="not valid JSON"):
        plaindata.load(tmp_path / "0.json")
