"""Datasets: four file formats, inline items, the Hub (from a prepared offline cache), bad rows."""

from __future__ import annotations

import json

import pytest

from lmgate.errors import InputError, Location, Problems
from lmgate.eval.datasets import load_dataset

ROWS = [{"id": "a", "q": "one", "n": 1}, {"id": "b", "q": "two", "n": 2}]


def spec(path=None, **kw):
    return {"path": path, "items": None, "format": None, "on_bad_row": "fail", "id_field": "id", "limit": None, **kw}


@pytest.mark.parametrize("name,text", [
    ("d.jsonl", "".join(json.dumps(r) + "\n" for r in ROWS)),
    ("d.json", json.dumps({"data": ROWS})),
    ("d.yaml", "- {id: a, q: one, n: 1}\n- {id: b, q: two, n: 2}\n"),
    ("d.csv", "id,q,n\na,one,1\nb,two,2\n"),
])
def test_every_format_reads_the_same_items(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    ds = load_dataset("d", spec(name), root=tmp_path, required=frozenset({"q"}))
    assert [i.id for i in ds.items] == ["a", "b"]
    assert [i.inputs["q"] for i in ds.items] == ["one", "two"]
    lines = {"d.jsonl": [1, 2], "d.json": [None, None], "d.yaml": [1, 2], "d.csv": [2, 3]}[name]
    assert [i.line for i in ds.items] == lines


def test_inline_items_and_hash_ids_are_stable(tmp_path):
    items = [{"q": "x"}, {"q": "y"}]
    first = load_dataset("d", spec(items=items), root=tmp_path, where=Location("lmgate.yaml", 7))
    again = load_dataset("d", spec(items=list(reversed(items))), root=tmp_path)
    assert {i.inputs["q"]: i.id for i in first.items} == {i.inputs["q"]: i.id for i in again.items}
    assert len({i.id for i in first.items}) == 2 and first.items[0].line == 7


def test_bad_rows_are_fatal_and_every_one_is_listed_with_file_and_line(tmp_path):
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "ok"}\n{"id": "b", "q": \n{"id": "c"}\n')
    with pytest.raises(Problems) as info:
        load_dataset("d", spec("d.jsonl"), root=tmp_path, required=frozenset({"q"}))
    first, second = info.value.problems
    assert str(first.where) == "d.jsonl:2" and "invalid JSON" in first.message
    assert str(second.where) == "d.jsonl:3" and "missing field(s) the prompt uses: q" in second.message
    assert all(isinstance(p, InputError) and "on_bad_row: skip" in p.fix for p in (first, second))
    assert info.value.exit_code == 2


def test_bad_rows_can_be_skipped_and_are_recorded_with_their_lines(tmp_path):
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "ok"}\n[1, 2]\n{"id": "c"}\n{"id": "a", "q": "dup"}\n'
                                      '{"id": "e", "q": "fine"}\n')
    ds = load_dataset("d", spec("d.jsonl", on_bad_row="skip"), root=tmp_path, required=frozenset({"q"}))
    assert [i.id for i in ds.items] == ["a", "e"] and ds.skipped == 3
    assert [str(where) for where, _ in ds.bad_rows] == ["d.jsonl:2", "d.jsonl:3", "d.jsonl:4"]
    assert "missing field(s) the prompt uses: q" in ds.bad_rows[1][1] and "duplicate id 'a'" in ds.bad_rows[2][1]
    assert ds.skipped_note() == "dataset 'd': skipped 3 bad row(s) (lines 2, 3, 4) (on_bad_row: skip)"


def test_a_field_no_row_has_skips_no_row_and_is_reported_as_absent(tmp_path):
    # Before: every row was "missing" the field, `skip` dropped them all and the gate passed on 0 items.
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "x"}\n{"id": "b", "q": "y"}\n')
    ds = load_dataset("d", spec("d.jsonl", on_bad_row="skip"), root=tmp_path, required=frozenset({"q", "ctx"}))
    assert [i.id for i in ds.items] == ["a", "b"] and ds.skipped == 0
    assert "ctx" not in ds.fields and {"id", "q"} <= ds.fields


def test_csv_row_with_wrong_cell_count_and_limit(tmp_path):
    (tmp_path / "d.csv").write_text("id,q\n1,a\n2,b,extra\n3,c\n4,d\n")
    with pytest.raises(InputError, match="3 cells where the header has 2") as info:
        load_dataset("d", spec("d.csv"), root=tmp_path)
    assert info.value.where.line == 3
    ds = load_dataset("d", spec("d.csv", on_bad_row="skip", limit=2), root=tmp_path)
    assert [i.id for i in ds.items] == ["1", "3"]


def test_paths_stay_inside_the_repository(tmp_path):
    from lmgate.errors import ConfigError

    with pytest.raises(ConfigError, match="leaves the repository"):
        load_dataset("d", spec("../outside.jsonl"), root=tmp_path)


def make_hub_cache(cache, repo: str, sha: str, path: str, text: str) -> None:
    """The layout huggingface_hub writes: refs/<rev> -> sha, snapshots/<sha>/<path>."""
    folder = cache / f"datasets--{repo.replace('/', '--')}"
    (folder / "refs").mkdir(parents=True)
    (folder / "refs" / "main").write_text(sha)
    target = folder / "snapshots" / sha / path
    target.parent.mkdir(parents=True)
    target.write_text(text)


def test_hub_dataset_is_read_at_a_pinned_revision_and_the_commit_recorded(tmp_path):
    sha = "0123456789abcdef0123456789abcdef01234567"
    make_hub_cache(tmp_path / "hub", "acme/qa-set", sha, "data/test.jsonl",
                   "".join(json.dumps(r) + "\n" for r in ROWS))
    env = {"HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1"}
    for rev in ("main", sha):
        ds = load_dataset("d", spec(f"hf://datasets/acme/qa-set@{rev}/data/test.jsonl"), root=tmp_path, env=env)
        assert [i.id for i in ds.items] == ["a", "b"] and ds.revision == sha
    with pytest.raises(InputError, match=r"cannot download hf://datasets/acme/qa-set@main/nope\.jsonl"):
        load_dataset("d", spec("hf://datasets/acme/qa-set@main/nope.jsonl"), root=tmp_path, env=env)
    with pytest.raises(InputError, match="malformed Hub URI"):
        load_dataset("d", spec("hf://models/x.jsonl"), root=tmp_path, env=env)
