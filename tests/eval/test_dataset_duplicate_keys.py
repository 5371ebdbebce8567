"""A field written twice in a row is bad input, in every dataset format, as it is in YAML.

`{"a": 1, "b": 2, "a": 5}` in a JSONL row and a CSV header `id,a,b,b,expected` were read without
a word, keeping the last value: the prompt got `b` from a column nobody meant, and the gate
judged it (while a YAML dataset or lmgate.yaml refuses the same thing, with file:line).
"""

from __future__ import annotations

import pytest

from lmgate.errors import InputError
from lmgate.eval.datasets import load_dataset


def spec(path: str, **extra) -> dict:
    return {"path": path, "items": None, "format": None, "on_bad_row": "fail", "id_field": "id", "limit": None, **extra}


def test_a_jsonl_row_with_a_key_twice_is_a_bad_row_with_its_line(tmp_path):
    (tmp_path / "d.jsonl").write_text('{"id": "1", "a": 1}\n{"id": "2", "a": 1, "b": 2, "a": 5}\n')
    with pytest.raises(InputError) as info:
        load_dataset("d", spec("d.jsonl"), root=tmp_path)
    assert str(info.value.where) == "d.jsonl:2" and "duplicate key 'a'" in info.value.message
    ds = load_dataset("d", spec("d.jsonl", on_bad_row="skip"), root=tmp_path)
    assert [i.id for i in ds.items] == ["1"] and ds.skipped == 1


def test_a_nested_key_twice_is_refused_too(tmp_path):
    (tmp_path / "d.jsonl").write_text('{"id": "1", "meta": {"k": 1, "k": 2}}\n')
    with pytest.raises(InputError, match="duplicate key 'k'"):
        load_dataset("d", spec("d.jsonl"), root=tmp_path)


def test_a_json_document_with_a_key_twice_is_refused_with_the_fix(tmp_path):
    (tmp_path / "d.json").write_text('[{"id": "1", "a": 1, "a": 7}]')
    with pytest.raises(InputError) as info:
        load_dataset("d", spec("d.json"), root=tmp_path)
    assert "duplicate key 'a'" in info.value.message and info.value.fix == "write each key once in an object"


def test_a_csv_header_naming_a_column_twice_is_refused_at_line_1(tmp_path):
    (tmp_path / "d.csv").write_text("id,a,b,b,expected\n1,1,2,5,3\n")
    with pytest.raises(InputError) as info:
        load_dataset("d", spec("d.csv", on_bad_row="skip"), root=tmp_path)
    assert str(info.value.where) == "d.csv:1"
    assert "names column 'b' more than once (columns 3, 4)" in info.value.message


def test_distinct_keys_still_read(tmp_path):
    (tmp_path / "d.csv").write_text("\ufeffid,a,b\r\n1,x,y\r\n")
    (tmp_path / "d.jsonl").write_text('{"id": "1", "a": "x", "b": "y"}\n')
    for name in ("d.csv", "d.jsonl"):
        assert [dict(i.inputs) for i in load_dataset("d", spec(name), root=tmp_path).items] == [
            {"id": "1", "a": "x", "b": "y"}]
