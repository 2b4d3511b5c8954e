"""Replacing one output file: whole or not at all."""

import pytest

from briefing.errors import ParameterError
from briefing.outputs import replacing


def test_a_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one_and_no_trace(tmp_path):
    path = tmp_path / "stance_quality.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(path) as staged:
        staged.write_text("half", encoding="utf-8")
        assert path.read_text(encoding="utf-8") == "old"  # a reader meanwhile sees the old file
        raise RuntimeError("killed while writing")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stance_quality.json"]
    with replacing(path) as staged:
        staged.write_text("new", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stance_quality.json"]


def test_a_link_is_refused_not_followed(tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text("keep", encoding="utf-8")
    (tmp_path / "scores.json").symlink_to(target)
    with pytest.raises(ParameterError), replacing(tmp_path / "scores.json"):
        pass
    assert target.read_text(encoding="utf-8") == "keep"
