"""Read one article file into text and metadata.

Plain text and Markdown keep their decoded file text as the *source text*, so
every offset later computed points into the file as a reader sees it. HTML
pages are reduced to their main text by trafilatura; their source text is that
extracted text.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing import safe_yaml

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
BINARY_SNIFF_BYTES = 8192
MAX_FRONT_MATTER_CHARS = 65_536  # a few lines of metadata; more is not front matter a person wrote
# Byte-order marks of the encodings a BOM identifies, longest first: UTF-32's little-endian mark starts with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Front-matter keys a user may write, mapped to the metadata field they fill.
METADATA_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
}

# What a file that is not a regular file is, by its mode, for the reason it is not read.
FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISLNK, "symbolic link"),
)
# Opening never waits (a named pipe without a writer would block the open, then the read, forever) and never
# follows a link put where a file was; the descriptor is then checked to be a regular file before it is read.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class SkipFile(Exception):
    """A file that cannot become an article; the message says why."""


@dataclass
class RawDocument:
    """One file's text before cleaning.

    Attributes
    ----------
    source_text : str
        Decoded file text (txt, md) or extracted main text (html).
    body_start : int
        Offset where the article body starts (after any front matter).
    metadata : dict
        Metadata the file itself states: title, outlet, published, url.
    warnings : list of str
        Problems that did not stop the file from being read.
    """

    format: str
    source_text: str
    body_start: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes, falling back from UTF-8 to cp1252 and latin-1.

    Returns
    -------
    (text, warning)
        ``warning`` is None for clean UTF-8.
    """
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding), None  # the codec reads and drops the mark
            except UnicodeDecodeError as exc:
                raise SkipFile(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} "
                    f"(invalid bytes at {exc.start}), skipped"
                ) from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise SkipFile("binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        position = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"not UTF-8 (invalid byte at {position}); decoded as {encoding}"
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def looks_binary(text: str) -> bool:
    """True when control characters make up over a tenth of the opening text."""
    head = text[:BINARY_SNIFF_BYTES]
    return bool(head) and len(CONTROL_CHARS.findall(head)) > len(head) / 10


def read_front_matter(text: str) -> tuple[dict[str, str], int, str | None]:
    """Parse a leading YAML front-matter block.

    Returns
    -------
    (metadata, body_start, warning)
        ``body_start`` is 0 when there is no front matter.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0, None
    try:
        data = safe_yaml.load(match.group(1), MAX_FRONT_MATTER_CHARS)
    except yaml.YAMLError as exc:
        return {}, match.end(), f"front matter is not valid YAML ({safe_yaml.first_line(exc)}); ignored"
    if data is None:
        return {}, match.end(), None
    if not isinstance(data, dict):
        return {}, match.end(), "front matter is not a YAML mapping; ignored"
    metadata, problems = {}, []
    for key, value in data.items():
        target = METADATA_KEYS.get(str(key).strip().lower())
        if not target or value in (None, "") or target in metadata:
            continue
        if isinstance(value, list) and value and all(isinstance(v, str | int | float) for v in value):
            metadata[target] = "; ".join(str(v).strip() for v in value)  # several outlets or authors: all kept
            problems.append(f"front matter '{key}' is a list; joined with '; '")
        elif isinstance(value, list | dict):
            problems.append(f"front matter '{key}' is not a single value; ignored")
        else:
            metadata[target] = str(value).strip()
    return metadata, match.end(), "; ".join(problems) or None


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Extract the main text and stated metadata of an HTML page.

    Dates come only from the page's own metadata, never guessed from its text.
    """
    import trafilatura  # slow to import; only HTML corpora pay for it

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise SkipFile("no main text found in the HTML page, skipped")
    metadata = {
        "title": document.title,
        "outlet": document.sitename,
        "published": document.date,
        "url": document.url,
    }
    return document.text, {key: str(value).strip() for key, value in metadata.items() if value}


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one article file.

    Raises
    ------
    SkipFile
        When the file is empty, too large, binary or holds no text.
    """
    return document_from_bytes(read_bytes(path, max_bytes), path.suffix)


def read_bytes(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes; a file over ``max_bytes`` (None: no limit) is skipped unread (:class:`SkipFile`).

    Anything else is skipped too, checked on the open descriptor (:data:`OPEN_FLAGS`), so that a named pipe or
    a device put in a file's place after the corpus was listed cannot hang the run, nor a link there be followed:
    ``path`` is the file itself, not a symbolic link to it.
    """
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # what O_NOFOLLOW says of a link
            raise SkipFile("symbolic link put in the place of the file while the corpus was read, skipped") from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise SkipFile(not_regular(status.st_mode))
        if max_bytes is not None and status.st_size > max_bytes:
            raise SkipFile(too_large(status.st_size, max_bytes))
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    finally:
        os.close(descriptor)
    if max_bytes is not None and len(data) > max_bytes:  # it grew since fstat
        raise SkipFile(too_large(len(data), max_bytes))
    return data


def too_large(size: int, max_bytes: int) -> str:
    """Why a file over the size limit is skipped."""
    return f"file is {size / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.1f} MiB limit, skipped"


def not_regular(mode: int) -> str:
    """Why a file that is not a regular file (``mode`` from its stat) is not read: what it is."""
    kind = next((name for is_kind, name in FILE_KINDS if is_kind(mode)), "special file")
    return f"{kind}, not a regular file, skipped"


def document_from_bytes(data: bytes, suffix: str) -> RawDocument:
    """An article from the bytes of a file with name ending ``suffix`` (``.txt``, ``.md``, ``.html`` …).

    Raises
    ------
    SkipFile
        When the bytes are empty, binary or hold no text.
    """
    if not data.strip():
        raise SkipFile("empty file, skipped")
    text, warning = decode(data)
    if looks_binary(text):
        raise SkipFile("binary file (control characters), skipped")
    warnings = [warning] if warning else []
    nuls = text.count("\x00")
    if nuls:  # one character for one: every offset still points where it did
        text = text.replace("\x00", "\ufffd")
        warnings.append(f"{nuls:,} NUL bytes, shown as U+FFFD")
    kind = ARTICLE_SUFFIXES[suffix.lower()]
    if kind == "html":
        text, metadata = extract_html(text)
        return RawDocument(kind, text, 0, metadata, warnings)
    metadata, body_start, fm_warning = read_front_matter(text)
    if fm_warning:
        warnings.append(fm_warning)
    if not text[body_start:].strip():
        raise SkipFile("no text after the front matter, skipped")
    return RawDocument(kind, text, body_start, metadata, warnings)
