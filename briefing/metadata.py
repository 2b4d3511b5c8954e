"""Article metadata: the optional ``manifest.csv`` and date normalisation.

Metadata is never invented. A field nobody states stays empty, and the
briefing says "unknown".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from briefing.discovery import MANIFEST_NAME, regular_file
from briefing.errors import ManifestError
from briefing.reading import SkipFile, read_bytes

MANIFEST_COLUMNS = ("file", "title", "outlet", "date", "url")
METADATA_FIELDS = ("title", "outlet", "published", "url")


@dataclass
class Manifest:
    """Metadata rows keyed by article path relative to the corpus folder."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def normalize_date(value: str) -> str | None:
    """Return ``value`` as an ISO date (YYYY-MM-DD), or None if unparseable.

    Accepts ISO dates and timestamps and written dates such as
    "May 20, 2025"; ambiguous numeric dates are read month first.
    """
    value = str(value).strip()
    if not value:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        try:
            stamp = pd.to_datetime(value, format="mixed")
        except (ValueError, TypeError, OverflowError):
            return None
    if pd.isna(stamp):
        return None
    return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"  # strftime drops the zeros of years before 1000


def read_manifest(corpus_dir: Path) -> Manifest:
    """Read ``manifest.csv`` from ``corpus_dir`` if it exists.

    Rows with problems are reported in ``Manifest.problems`` and their bad
    fields left out; only a manifest without a ``file`` column is an error.
    A manifest that is not a regular file in the corpus folder (a link to a
    file elsewhere, a named pipe) is not read, and reported.

    Raises
    ------
    ManifestError
        When the file cannot be parsed as CSV or has no ``file`` column.
    """
    path = corpus_dir / MANIFEST_NAME
    manifest = Manifest()
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return manifest
    except OSError as exc:
        manifest.problems.append(f"{MANIFEST_NAME}: cannot be read ({exc.strerror or exc}); its metadata not used")
        return manifest
    target, refusal = regular_file(path, mode, corpus_dir.resolve())
    try:
        data = b"" if target is None else read_bytes(target, max_bytes=None)
    except (SkipFile, OSError) as exc:
        refusal = str(exc) if isinstance(exc, SkipFile) else f"cannot be read ({exc.strerror or exc}), skipped"
    if refusal:
        manifest.problems.append(f"{MANIFEST_NAME}: {refusal}; its metadata not used")
        return manifest
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        records = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(f"{path}: not a readable UTF-8 CSV file ({exc})") from exc
    if "file" not in header:
        raise ManifestError(f"{path}: has no 'file' column (columns: {', '.join(header) or 'none'})")
    unknown = [name for name in header if name not in MANIFEST_COLUMNS]
    if unknown:
        manifest.problems.append(f"{MANIFEST_NAME}: unknown columns ignored: {', '.join(unknown)}")
    for line_number, record in enumerate(records, start=2):
        record = {
            (key or "").strip().lower(): (value or "").strip() if isinstance(value, str) else ""
            for key, value in record.items()
        }
        where = f"{MANIFEST_NAME} line {line_number}"
        name = record.get("file", "").replace("\\", "/").lstrip("./")
        if not name:
            manifest.problems.append(f"{where}: empty 'file' value; row ignored")
            continue
        if name in manifest.rows:
            manifest.problems.append(f"{where}: '{name}' listed again; later row ignored")
            continue
        row = {key: record[key] for key in ("title", "outlet", "url") if record.get(key)}
        if record.get("date"):
            published = normalize_date(record["date"])
            if published:
                row["published"] = published
            else:
                manifest.problems.append(f"{where}: date '{record['date']}' is not a date; left unknown")
        manifest.rows[name] = row
    return manifest
