"""How a cache entry is written on disk: a format that cannot run code when read, and that says when it lies.

A cache may be shared by a team, read by a Dask cluster or kept in a synced folder, so an entry is data, never
code: msgpack holding only plain values (None, booleans, numbers, text, bytes, lists, dictionaries), tuples, the
tool's own named tuples and dataclasses listed in :data:`RECORDS` (rebuilt by name from that list only), numpy
arrays of numbers and pandas tables of such columns. Nothing in an entry names a function to call or a module
to import.

Each entry starts with a header: the format, the SHA-256 of the key it was stored under and the SHA-256 of its
body. An entry moved under another key, cut short, changed or written by anything else is refused on reading
(:class:`BadEntry`): the cache treats it as missing and computes the value again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib

import msgpack
import numpy as np
import pandas as pd

MAGIC = b"briefing cache 1"  # the format's name and version: a change of layout is a new version
HEADER = len(MAGIC) + 2 * hashlib.sha256().digest_size

# The classes an entry may hold, by the name written into it: the tool's own records, rebuilt field by field.
RECORDS = (
    "briefing.run.columns.ArticleColumns",
    "briefing.language.sentiment.ArticleTone",
    "briefing.corpus.loading.LoadedFile",
    "briefing.corpus.reading.RawDocument",
    "briefing.corpus.boilerplate.CleanedLines",
    "briefing.corpus.boilerplate.Line",
    "briefing.corpus.boilerplate.Removal",
    "briefing.publish.charts.Chart",
)
NUMBER_KINDS = "biuf"  # numpy kinds an array may have: booleans, integers and floats (never objects)
TUPLE, RECORD, ARRAY, TABLE, LABELS, COLUMNS, RECORD_LIST = 1, 2, 3, 4, 5, 6, 7  # msgpack extension codes
LABELS_AT_LEAST = 8  # a tuple of text this long whose values repeat is kept as labels (:func:`labels`)


class BadEntry(ValueError):
    """An entry that is not what the cache wrote under its key; the message says why."""


def encode(value: object, key_digest: bytes) -> bytes:
    """The bytes of an entry holding ``value``, stored under the key whose SHA-256 is ``key_digest``.

    Raises
    ------
    TypeError
        For a value of a type the format does not hold (the caller stores nothing).
    """
    try:
        body = pack(value)
    except (OverflowError, ValueError, UnicodeEncodeError) as exc:
        raise TypeError(f"cannot be stored ({exc})") from None
    return MAGIC + key_digest + hashlib.sha256(body).digest() + body


def decode(data: bytes, key_digest: bytes) -> object:
    """The value of an entry read from disk, checked against the key it is read for.

    Raises
    ------
    BadEntry
        When the entry is of another format, of another key, damaged or holds what the format does not.
    """
    if len(data) < HEADER or not data.startswith(MAGIC):
        raise BadEntry("not an entry of this format")
    view = memoryview(data)
    own_key = view[len(MAGIC) : len(MAGIC) + len(key_digest)]
    checksum = view[len(MAGIC) + len(key_digest) : HEADER]
    body = view[HEADER:]
    if own_key != key_digest:
        raise BadEntry("stored under another key")
    if hashlib.sha256(body).digest() != checksum:
        raise BadEntry("damaged: its contents do not match their checksum")
    try:
        return unpack(body)
    except BadEntry:
        raise
    except (ValueError, TypeError, KeyError, IndexError, msgpack.UnpackException) as exc:
        raise BadEntry(f"unreadable ({type(exc).__name__})") from None


def pack(value: object) -> bytes:
    # strict types: a tuple or a subclass of a plain type goes through default(), so it comes back as it went in
    return msgpack.packb(value, default=as_extension, strict_types=True, use_bin_type=True, datetime=False)


def unpack(body: bytes | memoryview) -> object:
    return msgpack.unpackb(body, ext_hook=from_extension, raw=False, strict_map_key=True, use_list=True)


def record_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def as_extension(value: object) -> msgpack.ExtType:
    """``value`` as one of the format's extensions (msgpack's ``default``)."""
    if type(value) is tuple:
        if value and all(type(item) is tuple for item in value):  # a result's columns: one extension, not one each
            return msgpack.ExtType(COLUMNS, pack([labels(column) or [list(column)] for column in value]))
        coded = labels(value)
        return msgpack.ExtType(LABELS, pack(coded)) if coded else msgpack.ExtType(TUPLE, pack(list(value)))
    if isinstance(value, tuple) and record_name(type(value)) in RECORDS:
        return msgpack.ExtType(RECORD, pack([record_name(type(value)), [as_field(field) for field in value]]))
    if dataclasses.is_dataclass(value) and record_name(type(value)) in RECORDS:
        fields = [as_field(getattr(value, field.name)) for field in dataclasses.fields(value)]
        return msgpack.ExtType(RECORD, pack([record_name(type(value)), fields]))
    if isinstance(value, np.ndarray) and value.dtype.kind in NUMBER_KINDS:
        return msgpack.ExtType(ARRAY, pack([value.dtype.str, list(value.shape), value.tobytes()]))
    if isinstance(value, np.generic) and value.dtype.kind in NUMBER_KINDS:
        return value.item()  # a numpy number as the Python number it equals
    if type(value) is pd.DataFrame:
        return msgpack.ExtType(TABLE, pack(table_parts(value)))
    raise TypeError(f"a {type(value).__name__} is not a value the cache holds")


def as_field(value: object) -> object:
    """A record's field as stored: a list of records of one kind (a file's lines) as their columns, one extension
    rather than one a record."""
    if type(value) is not list or not value:
        return value
    kind = type(value[0])
    if not (issubclass(kind, tuple) and getattr(kind, "_fields", ()) and record_name(kind) in RECORDS):
        return value
    if any(type(item) is not kind for item in value):
        return value
    columns = [list(column) for column in zip(*value, strict=True)]
    return msgpack.ExtType(RECORD_LIST, pack([record_name(kind), columns]))


def labels(column: tuple) -> list | None:
    """A tuple of text (or None) whose values repeat (a result's kinds, sides, actor ids) as its distinct values and
    each item's number among them (:func:`from_labels`), or None for any other tuple. Read back, each value is one
    object however often it occurs, as it was when stored: written out item by item, ten thousand articles'
    repeated labels took a quarter more memory than the results they belong to."""
    if len(column) < LABELS_AT_LEAST or not all(type(value) is str or value is None for value in column):
        return None
    numbers: dict[str | None, int] = {}
    codes = [numbers.setdefault(value, len(numbers)) for value in column]
    return [list(numbers), codes] if len(numbers) * 2 <= len(column) else None


def from_labels(coded: list) -> tuple:
    """A column stored as plain values (``[values]``) or as labels (``[distinct, codes]``, :func:`labels`)."""
    if len(coded) == 1:
        return tuple(coded[0])
    distinct, codes = coded
    return tuple(map(distinct.__getitem__, codes))


def from_extension(code: int, body: bytes) -> object:
    """An extension read back (msgpack's ``ext_hook``)."""
    if code == COLUMNS:
        return tuple(map(from_labels, unpack(body)))
    if code == TUPLE:
        return tuple(unpack(body))
    if code == RECORD_LIST:
        name, columns = unpack(body)
        return list(map(record(name)._make, zip(*columns, strict=True)))
    if code == LABELS:
        return from_labels(unpack(body))
    if code == RECORD:
        name, fields = unpack(body)
        return record(name)(*fields)
    if code == ARRAY:
        dtype, shape, data = unpack(body)
        return number_array(dtype, shape, data)
    if code == TABLE:
        return table_from_parts(unpack(body))
    raise BadEntry(f"unknown extension {code}")


@functools.cache
def record(name: str) -> type:
    """The class of a record an entry names: only one of :data:`RECORDS`, imported from the tool's own modules."""
    if name not in RECORDS:
        raise BadEntry(f"holds a {name!r}, which is not a type the cache holds")
    module, _, qualname = name.rpartition(".")
    return getattr(importlib.import_module(module), qualname)


def number_array(dtype: str, shape: list[int], data: bytes) -> np.ndarray:
    kind = np.dtype(dtype)  # a dtype string names a layout of bytes, never code
    if kind.kind not in NUMBER_KINDS or kind.fields is not None:
        raise BadEntry(f"holds an array of {dtype}, not of numbers")
    return np.frombuffer(data, dtype=kind).reshape(shape).copy()  # a writable array, as it was stored


def table_parts(table: pd.DataFrame) -> list:
    """A table as plain parts: its columns' names, its index and each column's type and values."""
    if table.attrs or not isinstance(table.columns, pd.Index) or isinstance(table.columns, pd.MultiIndex):
        raise TypeError("a table with attributes or nested column names is not a value the cache holds")
    columns = [series_parts(table.iloc[:, position]) for position in range(table.shape[1])]
    return [list(table.columns), str(table.columns.dtype), index_parts(table.index), columns]


def table_from_parts(parts: list) -> pd.DataFrame:
    names, names_dtype, index, columns = parts
    data = {position: series_from_parts(column).array for position, column in enumerate(columns)}
    table = pd.DataFrame(data, index=index_from_parts(index))  # arrays, not series: no alignment on an index
    table.columns = pd.Index(names, dtype=names_dtype)
    return table


def index_parts(index: pd.Index) -> list:
    if isinstance(index, pd.RangeIndex):
        return ["range", index.start, index.stop, index.step, index.name]
    if isinstance(index, pd.MultiIndex):
        raise TypeError("a table with a nested index is not a value the cache holds")
    return ["values", series_parts(index.to_series()), index.name]


def index_from_parts(parts: list) -> pd.Index:
    if parts[0] == "range":
        _, start, stop, step, name = parts
        return pd.RangeIndex(start, stop, step, name=name)
    _, values, name = parts
    return pd.Index(series_from_parts(values), name=name)


def series_parts(series: pd.Series) -> list:
    """A column's type and values: numbers as an array, anything else as a list of plain values."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in NUMBER_KINDS:
        return [dtype.str, series.to_numpy()]
    if dtype == np.dtype(object) or isinstance(dtype, pd.StringDtype):
        return [str(dtype), [None if value is pd.NA else value for value in series.tolist()]]
    raise TypeError(f"a column of {dtype} is not a value the cache holds")


def series_from_parts(parts: list) -> pd.Series:
    dtype, values = parts
    if isinstance(values, np.ndarray):
        if values.dtype.str != dtype:
            raise BadEntry("a column's values are not of its type")
        return pd.Series(values)
    if dtype != "object" and dtype not in STRING_DTYPES:
        raise BadEntry(f"holds a column of {dtype}, not a type the cache holds")
    return pd.Series(values, dtype=object if dtype == "object" else dtype)


STRING_DTYPES = {str(pd.StringDtype(storage, na_value)) for storage in ("python",) for na_value in (pd.NA, np.nan)}
