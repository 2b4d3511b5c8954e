"""Article metadata: the optional ``manifest.csv`` and date normalisation.

Metadata is never invented. A field nobody states stays empty, and the
briefing says "unknown".
"""

from __future__ import annotations

import csv
import io
import re
import statistics
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import dateutil.parser

from briefing.corpus.discovery import MANIFEST_NAME, regular_file
from briefing.corpus.reading import SkipFile, read_bytes
from briefing.errors import ManifestError, shown_path

MANIFEST_COLUMNS = ("file", "title", "outlet", "date", "url")
METADATA_FIELDS = ("title", "outlet", "published", "url")
NOT_A_DATE = "is not a date (write it as YYYY-MM-DD)"
DRIVE = re.compile(r"[A-Za-z]:")  # C:\corpus\story.txt, or C:story.txt (relative to that drive)
# YYYY-MM-DD or YYYYMMDD, with or without a time: read by the standard library (not "2025-W01", a week).
ISO_DATE = re.compile(r"\d{4}-?\d{2}-?\d{2}(?!\d)")
# A date further than this from the corpus's median date, and than FAR_OFF_SPREADS of its median absolute
# deviation, is far off (:func:`far_off_dates`): a likely typo, kept as stated, listed as a problem.
FAR_OFF_YEARS = 20
FAR_OFF_SPREADS = 5
DAYS_PER_YEAR = 365.2425
# Two defaults that differ in year, month and day: a value parsed alike under both states all three itself.
DATE_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


@dataclass
class Manifest:
    """Metadata rows keyed by article path relative to the corpus folder."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def parse_date(value: object) -> tuple[str | None, str]:
    """``value`` as an ISO date (YYYY-MM-DD) and "", or None and why it is not a date.

    A date states its day, month and year, the year in four digits: ISO dates and timestamps, and written dates
    such as "May 20, 2025"; ambiguous numeric dates are read month first. Words ("today", "now") and dates that
    leave a part out ("May 20", "May 2025", "05/20/25") are not dates: filling the part in would state a date
    nobody wrote, and one that would change with the day of the run.
    """
    value = unicodedata.normalize("NFKC", str(value)).strip().strip("\ufeff")  # "２０２５" is 2025
    if not value:
        return None, NOT_A_DATE
    if ISO_DATE.match(value):
        try:
            return iso(datetime.fromisoformat(value)), ""  # the usual form, and the fast one
        except ValueError:
            pass  # "2025-05-20 10:00 EDT": dateutil reads the time zones ISO does not
    parsed = []
    for default in DATE_DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a time-zone name dateutil does not know leaves the date as it is
                parsed.append(dateutil.parser.parse(value, default=default))
        except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError
            parsed.append(None)
    first, second = parsed
    if first is None and second is None:
        return None, NOT_A_DATE
    if first is None or second is None or (first.month, first.day) != (second.month, second.day):
        return None, "is not a whole date: its day, month or year is missing (write it as YYYY-MM-DD)"
    if first.year != second.year:
        return None, "has no year (write it as YYYY-MM-DD)"
    if f"{first.year:04d}" not in re.findall(r"\d+", value):  # "05/20/25": dateutil picks the century by today
        return None, "has no four-digit year (write it as YYYY-MM-DD)"
    return iso(first), ""


def iso(stamp: datetime) -> str:
    """The date of ``stamp`` as YYYY-MM-DD, with the zeros of years before 1000 (which strftime drops)."""
    return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"


def normalize_date(value: object) -> str | None:
    """Return ``value`` as an ISO date (YYYY-MM-DD), or None if it is not a whole date (:func:`parse_date`)."""
    return parse_date(value)[0]


def far_off_dates(dates: Iterable[object]) -> dict[str, str]:
    """The publication dates among ``dates`` (ISO, anything else unknown) that lie far from the rest, each with
    how far, for a problem row: likely typos ("9999-12-31", "0202-05-01") to check.

    Far off is more than :data:`FAR_OFF_YEARS` years, and more than :data:`FAR_OFF_SPREADS` times the dates'
    median absolute deviation, from their median. The rule reads the dates alone, so that the same corpus gives
    the same answer on any day; it lets an archive spread as widely as its dates spread (dates spread evenly over
    any span lie within two deviations of their median) and flags what lies far beyond. At least half of the dates
    lie within one deviation of the median, so at most half are ever far off.
    """
    days = [date.fromisoformat(value).toordinal() for value in dates if isinstance(value, str) and value]
    if not days:
        return {}
    middle = statistics.median(days)
    spread = statistics.median(abs(day - middle) for day in days)
    limit = max(FAR_OFF_YEARS * DAYS_PER_YEAR, FAR_OFF_SPREADS * spread)
    median = iso(date.fromordinal(round(middle)))
    return {
        date.fromordinal(day).isoformat(): (
            f"{abs(day - middle) / DAYS_PER_YEAR:,.0f} years from the median date of the corpus's articles ({median})"
        )
        for day in sorted(set(days))
        if abs(day - middle) > limit
    }


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
    data, problem = manifest_bytes(corpus_dir)
    if data is None:
        return Manifest(problems=[problem] if problem else [])
    path = corpus_dir / MANIFEST_NAME
    header, records = csv_records(path, data)
    manifest = Manifest(problems=header_problems(path, header))
    for line_number, record in records:
        add_record(manifest, line_number, record)
    return manifest


def manifest_bytes(corpus_dir: Path) -> tuple[bytes | None, str]:
    """The bytes of ``corpus_dir``'s manifest and ""; or None and the problem row that says why it is not read
    (a link, a named pipe, an error); None and "" when there is no manifest."""
    path = corpus_dir / MANIFEST_NAME
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        return None, f"{MANIFEST_NAME}: cannot be read ({exc.strerror or exc}); its metadata not used"
    target, refusal = regular_file(path, mode, corpus_dir.resolve())
    try:
        data = b"" if target is None else read_bytes(target, max_bytes=None)
    except (SkipFile, OSError) as exc:
        refusal = str(exc) if isinstance(exc, SkipFile) else f"cannot be read ({exc.strerror or exc}), skipped"
    if refusal:
        return None, f"{MANIFEST_NAME}: {refusal}; its metadata not used"
    return data, ""


def csv_records(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """The manifest's column names (stripped, lower case) and its records, each with the line it starts on, also
    after a value that holds line breaks.

    Raises
    ------
    ManifestError
        When ``data`` is not UTF-8 or not valid CSV.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{shown_path(path)}: not a readable UTF-8 CSV file ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)  # strict: a quote left open is an error
    records, read = [], 0
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        read = reader.line_num
        for record in reader:
            breaks = sum(len(value.splitlines()) - 1 for value in record.values() if isinstance(value, str) and value)
            records.append((reader.line_num - breaks, record))
            read = reader.line_num
    except csv.Error as exc:  # in the row after the last one read
        raise ManifestError(f"{shown_path(path)} line {read + 1}: not valid CSV ({exc})") from exc
    return header, records


def header_problems(path: Path, header: list[str]) -> list[str]:
    """The problem rows of the manifest's columns: the unknown ones, which are ignored.

    Raises
    ------
    ManifestError
        When there is no ``file`` column, or a column appears twice.
    """
    if "file" not in header:
        raise ManifestError(f"{shown_path(path)}: has no 'file' column (columns: {', '.join(header) or 'none'})")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ManifestError(
            f"{shown_path(path)}: the column '{repeated[0]}' appears twice; which one to use is not clear"
        )
    unknown = [name for name in header if name not in MANIFEST_COLUMNS]
    return [f"{MANIFEST_NAME}: unknown columns ignored: {', '.join(unknown)}"] if unknown else []


def add_record(manifest: Manifest, line_number: int, record: dict) -> None:
    """Add one CSV record (starting on ``line_number``) to ``manifest``: its row under the file it names, or the
    problem that has it ignored; a date that is not a whole date is left unknown, with a problem row."""
    where = f"{MANIFEST_NAME} line {line_number}"
    if record.get(None):  # DictReader's key for values beyond the header's columns
        manifest.problems.append(f"{where}: {len(record[None])} values beyond the header's columns ignored")
    record = {
        (key or "").strip().lower(): (value or "").strip() if isinstance(value, str) else ""
        for key, value in record.items()
    }
    name, problem = listed_file(record.get("file", ""), manifest.rows)
    if problem:
        manifest.problems.append(f"{where}: {problem}")
        return
    row = {key: record[key] for key in ("title", "outlet", "url") if record.get(key)}
    if record.get("date"):
        published, why = parse_date(record["date"])
        if published:
            row["published"] = published
        else:
            manifest.problems.append(f"{where}: date '{record['date']}' {why}; left unknown")
    manifest.rows[name] = row


def listed_file(listed: str, rows: dict[str, dict[str, str]]) -> tuple[str, str]:
    """The file a manifest row names (its ``file`` value, stripped) relative to the corpus folder, and ""; or ""
    and why the row is ignored (empty, the folder itself, outside it, or already in ``rows``)."""
    if not listed:
        return "", "empty 'file' value; row ignored"
    name, outside = corpus_relative(listed)
    if not (name or outside):
        return "", f"'{listed}' names the corpus folder itself, not a file; row ignored"
    if outside:
        return "", (
            f"'{listed}' {outside}, outside the corpus folder; row ignored "
            "(name each file by its path inside the folder that holds manifest.csv)"
        )
    if name in rows:
        return "", f"'{name}' listed again; later row ignored"
    return name, ""


def corpus_relative(listed: str) -> tuple[str, str]:
    """A manifest's ``file`` value as a path relative to the corpus folder (``/`` between folders, a leading
    ``./`` dropped) and "", or "" and how it leaves the folder: an absolute path, a drive or a ``..`` part."""
    name = listed.replace("\\", "/")
    if name.startswith("/"):
        return "", "is an absolute path"
    if DRIVE.match(name):
        return "", "names a drive"
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return "", "goes up a folder ('..')"
    return "/".join(parts), ""
