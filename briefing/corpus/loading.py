"""Load a folder of articles into cleaned documents and tidy tables.

Loading is the only stage that looks across articles: boilerplate lines are
recognised because they recur in several stories, and syndicated copies
because they share most of their text. Everything after it works on one
:class:`Document` at a time.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Protocol

import numpy as np
import pandas as pd

from briefing.corpus.boilerplate import (
    RULE_RECURRING,
    CleanedLines,
    Line,
    Removal,
    clean_lines,
    drop_recurring,
    find_recurring_lines,
    removed_words_by_rule,
    within_limit,
)
from briefing.corpus.discovery import MANIFEST_NAME, Found, discover, readable_name
from briefing.corpus.duplicates import (
    DEFAULT_THRESHOLD,
    DuplicateMatch,
    content_hash,
    find_duplicates,
    signature,
)
from briefing.corpus.metadata import METADATA_FIELDS, Manifest, far_off_dates, parse_date, read_manifest
from briefing.corpus.reading import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    RawDocument,
    SkipFile,
    document_from_bytes,
    read_bytes,
)
from briefing.errors import CorpusError, ManifestError, shown_path
from briefing.progress import progress_bar
from briefing.schema import columns

CACHE_SECTION = "files"  # the cache keys this section by the code of this module and all it imports


class LoadOptions(NamedTuple):
    """Settings of corpus loading and cleaning."""

    max_bytes: int = DEFAULT_MAX_BYTES
    short_line_words: int = 8
    recurring_min_articles: int = 3
    near_duplicate_threshold: float = DEFAULT_THRESHOLD


class Document(NamedTuple):
    """One article ready for analysis: its source text, title and the lines kept."""

    id: str
    source_text: str
    kept_lines: tuple[Line, ...]
    title: str = ""
    published: str | None = None  # YYYY-MM-DD as stated, for dates without a year


@dataclass
class Corpus:
    """A loaded corpus.

    Attributes
    ----------
    root : Path
        The corpus folder.
    articles : DataFrame
        One row per usable article: metadata, hash, duplicates, warnings.
    documents : list of Document
        The per-article input to analysis, aligned with ``articles``.
    removed : DataFrame
        One row per line or span the cleaning removed, with its rule, for
        every file read, including files then skipped.
    problems : DataFrame
        Files skipped, files of other types and manifest rows ignored, with
        the reason. Every article file found is in ``articles`` or here.
    warnings : tuple of str
        What the command line warns of as it loads the corpus, each also among
        the ``problems`` (manifest rows that match no file, with the fix).
    """

    root: Path
    articles: pd.DataFrame
    documents: list[Document]
    removed: pd.DataFrame
    problems: pd.DataFrame
    warnings: tuple[str, ...] = ()


class FileCache(Protocol):
    """Where each file's reading and cleaning is kept between runs (the run's cache, :mod:`briefing.run.cache`)."""

    def get(self, key: tuple, kind: type) -> object | None: ...

    def put(self, key: tuple, value: object) -> None: ...


# ``mapper(function, items, progress=..., label=...)``: ``function`` over ``items``, in order; the run passes one
# that shares the work with its idle workers (:func:`~briefing.run.engine.map_beside`).
Mapper = Callable[..., list]


def map_here(function: Callable, items: Sequence, progress: bool = False, label: str = "") -> list:
    """``function`` over ``items``, in order, in this process (the :data:`Mapper` of a corpus loaded alone)."""
    return [function(item) for item in progress_bar(items, label, progress, total=len(items))]


def article_ids(relative_paths: Iterable[str]) -> list[str]:
    """One unique id per file: its stem, or its relative path where that would clash.

    ``story.txt`` and ``story.md`` become ``story.txt`` and ``story.md``;
    ``a/story.txt`` and ``b/story.txt`` keep their folders. Relative paths
    are unique, so falling back to them always ends with unique ids.
    """
    relative_paths = list(relative_paths)
    ids = [Path(path).stem for path in relative_paths]
    while True:
        counts = Counter(ids)
        clashing = [i for i, article_id in enumerate(ids) if counts[article_id] > 1 and ids[i] != relative_paths[i]]
        if not clashing:
            return ids
        for i in clashing:
            ids[i] = relative_paths[i]


def other_file_problems(root: Path, others: list[Path], shown: int = 5) -> list[tuple[str, str]]:
    """One problem row per type of non-article file, so that none is ignored unseen."""
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for path in others:
        by_suffix[path.suffix.lower() or "(no extension)"].append(readable_name(path.relative_to(root).as_posix()))
    suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
    rows = []
    for suffix, names in sorted(by_suffix.items()):
        listed = ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
        label = names[0] if len(names) == 1 else f"{len(names)} {suffix} files"
        rows.append((label, f"not an article file (only {suffixes} are read), ignored: {listed}"))
    return rows


def skip_reason(what: str, removed: Iterable[Removal]) -> str:
    """Why a file has no text left, with the words each rule removed."""
    words = removed_words_by_rule(removed)
    total = sum(words.values())
    detail = ", ".join(f"{count:,} by {rule}" for rule, count in words.items() if count)
    return f"{what}: {total:,} words removed ({detail or 'only blank lines'}), skipped"


def merge_metadata(stated: dict[str, str], listed: dict[str, str], warnings: list[str]) -> dict[str, str | None]:
    """Manifest values win over values the file states; dates become ISO."""
    merged: dict[str, str | None] = {key: listed.get(key) or stated.get(key) for key in METADATA_FIELDS}
    if merged["published"] and merged["published"] != listed.get("published"):
        date, why = parse_date(merged["published"])
        if date is None:
            warnings.append(f"date '{merged['published']}' {why}; left unknown")
        merged["published"] = date
    return merged


def far_off_problems(
    paths: dict[str, str], metadata: dict[str, dict[str, str | None]], listed: dict[str, dict[str, str]]
) -> list[tuple[str, str]]:
    """A problem row for each article (id -> relative path in ``paths``) whose publication date lies far from the
    others' (:func:`~briefing.corpus.metadata.far_off_dates`), naming where the date was stated (``listed``: the
    manifest's rows)."""
    far = far_off_dates(metadata[i]["published"] for i in paths)
    rows = []
    for article_id, rel in paths.items():
        published = metadata[article_id]["published"]
        if published in far:
            stated = MANIFEST_NAME if listed.get(rel, {}).get("published") == published else "the file"
            rows.append(
                (
                    rel,
                    f"date {published} (from {stated}) is {far[published]}: a far-off date is usually a typo; "
                    "kept as stated and counted apart from the coverage-volume axis; check it",
                )
            )
    return rows


class LoadedFile(NamedTuple):
    """All that loading learns from one file on its own: a pure function of the file's bytes, its manifest row
    and the options, so that a re-run can take it from the cache."""

    document: RawDocument
    metadata: dict[str, str | None]
    cleaned: CleanedLines
    signature: np.ndarray | None  # MinHash of the cleaned text, for near-duplicates
    content_hash: str  # of the cleaned text, for exact copies (unless lines recurring in the corpus are dropped)
    short_lines: tuple[int, ...]  # the kept lines short enough to be dropped as recurring, by index


# Files a process takes at a time when cleaning is shared with workers (:func:`~briefing.run.engine.map_beside`):
# about a third of a second of work, so that neither side waits long for the other at the end.
CLEAN_CHUNK = 64


class FileToClean(NamedTuple):
    """One file's bytes and what else its cleaning reads: the input of :func:`clean_file`."""

    data: bytes
    suffix: str  # the file name's ending, lower case
    listed: dict[str, str]  # its manifest row
    misnamed: bool  # a file name that is not valid UTF-8


def file_key(file: FileToClean, options: LoadOptions) -> tuple:
    """What a file's reading and cleaning depends on, as a cache key: its bytes (by hash), kind, manifest row and
    the loading options that cleaning reads."""
    settings = (options.max_bytes, options.short_line_words)
    return (
        hashlib.sha256(file.data).hexdigest(),
        file.suffix,
        tuple(sorted(file.listed.items())),
        settings,
        file.misnamed,
    )


def clean_file(file: FileToClean, options: LoadOptions) -> LoadedFile:
    """Decode one file, merge its metadata with its manifest row and clean it: a pure function of ``file`` and
    ``options``, so that it can run in any process.

    Raises
    ------
    SkipFile
        When the file cannot become an article (empty, binary).
    """
    document = document_from_bytes(file.data, file.suffix)
    if file.misnamed:
        document.warnings.append("file name is not valid UTF-8; shown with U+FFFD")
    metadata = merge_metadata(document.metadata, file.listed, document.warnings)
    cleaned = clean_lines(document.source_text, document.body_start, metadata["title"], options.short_line_words)
    text = "\n".join(line.text for line in cleaned.kept)
    short = tuple(k for k, line in enumerate(cleaned.kept) if within_limit(line.text, RULE_RECURRING))
    return LoadedFile(document, metadata, cleaned, signature(text), content_hash(text), short)


def cleaned_or_skipped(file: FileToClean, options: LoadOptions) -> LoadedFile | SkipFile:
    """:func:`clean_file`, or the reason the file is skipped (returned, so that a batch of files goes on)."""
    try:
        return clean_file(file, options)
    except SkipFile as exc:
        return exc


def load_files(
    paths: list[Path],
    rows: list[dict[str, str]],
    misnamed: list[bool],
    options: LoadOptions,
    cache: FileCache | None = None,
    mapper: Mapper = map_here,
    progress: bool = False,
    targets: dict[Path, Path] | None = None,
) -> list[LoadedFile | SkipFile | OSError]:
    """Read and clean each file (``rows``: their manifest rows); each file's result, or why it is skipped.

    A file that is a symbolic link is read through the file ``targets`` says it names (it is not followed), and
    is of the kind its own name says.

    Each file's bytes are read here and looked up in ``cache``; the files it does not hold are cleaned by
    ``mapper``: in this process, and beside it in idle worker processes when the run passes its own
    (:func:`~briefing.run.engine.map_beside`).
    """
    outcomes: list[LoadedFile | SkipFile | OSError | None] = []
    to_clean: dict[tuple, tuple[FileToClean, list[int]]] = {}  # cache key -> the file, its positions (copies too)
    for path, listed, wrongly_named in zip(paths, rows, misnamed, strict=True):
        try:
            data = read_bytes((targets or {}).get(path, path), options.max_bytes)
            file = FileToClean(data, path.suffix.lower(), listed, wrongly_named)
        except (SkipFile, OSError) as exc:
            outcomes.append(exc)
            continue
        key = file_key(file, options)
        found = cache.get(key, LoadedFile) if cache is not None and key not in to_clean else None
        if found is None:
            to_clean.setdefault(key, (file, []))[1].append(len(outcomes))
        outcomes.append(found)
    files = [file for file, _ in to_clean.values()]
    cleaned = mapper(partial(cleaned_or_skipped, options=options), files, progress=progress, label="reading")
    for (key, (_, positions)), outcome in zip(to_clean.items(), cleaned, strict=True):
        for position in positions:
            outcomes[position] = outcome
        if cache is not None and isinstance(outcome, LoadedFile):
            cache.put(key, outcome)
    return outcomes


def load_corpus(
    corpus_dir: str | Path,
    options: LoadOptions = LoadOptions(),
    progress: bool = False,
    cache: FileCache | None = None,
    mapper: Mapper = map_here,
) -> Corpus:
    """Read, clean and de-duplicate every article under ``corpus_dir``.

    Parameters
    ----------
    corpus_dir : str or Path
        Folder searched recursively for .txt, .md and .html files, with an
        optional ``manifest.csv``.
    options : LoadOptions
        Size limit and cleaning thresholds.
    progress : bool
        Show a progress bar on standard error.
    cache : FileCache, optional
        Each file's reading and cleaning (:func:`load_files`), to reuse and to add to.
    mapper : Mapper
        Runs the cleaning over the files: by default in this process; the run passes one that shares it with the
        worker processes it started ahead, idle until analysis.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        When the folder is missing or empty, or no article is usable.
    ManifestError
        When ``manifest.csv`` cannot be used, or none of its rows names an article file.
    """
    root = Path(corpus_dir)
    found = discover(root)
    manifest = read_manifest(root)
    problems = listing_problems(root, found, manifest)
    relative, misnamed = relative_names(root, found.files)
    unmatched, warnings = unlisted_rows(root, manifest, relative)  # before any file is read: it may refuse the run
    listed = [manifest.rows.get(rel, {}) for rel in relative]
    outcomes = load_files(found.files, listed, misnamed, options, cache, mapper, progress, found.targets)
    usable, skipped, removals = sort_outcomes(relative, outcomes)
    problems.extend(skipped)
    problems.extend(unmatched)
    problems.extend(far_off_problems({i: usable[i][0] for i in sorted(usable)}, metadata_of(usable), manifest.rows))
    duplicates, recurring = cross_article_findings(usable, options)
    rows, documents, kept_removals = finished_articles(usable, duplicates, recurring)
    check_accounted(root, relative, rows, problems)
    return corpus_tables(root, rows, documents, removals + kept_removals, problems, warnings)


def corpus_tables(
    root: Path,
    rows: list[dict],
    documents: list[Document],
    removals: list[dict],
    problems: list[tuple[str, str]],
    warnings: Sequence[str] = (),
) -> Corpus:
    """The :class:`Corpus` of these rows: the removed text sorted by article and offset."""
    removed = pd.DataFrame(removals, columns=columns("removed_text"))
    return Corpus(
        root=root,
        articles=pd.DataFrame(rows),
        documents=documents,
        removed=removed.sort_values(["article", "start"], kind="stable").reset_index(drop=True),
        problems=pd.DataFrame(problems, columns=columns("input_problems")),
        warnings=tuple(warnings),
    )


def listing_problems(root: Path, found: Found, manifest: Manifest) -> list[tuple[str, str]]:
    """The problem rows known before any file is read: the manifest's, files of other types, folders that
    cannot be listed and entries refused."""
    problems = [(MANIFEST_NAME, problem) for problem in manifest.problems]
    problems.extend(other_file_problems(root, found.others))
    problems.extend(
        (readable_name(folder.relative_to(root).as_posix()) + "/", f"folder cannot be read ({why}); its files skipped")
        for folder, why in found.unreadable
    )
    problems.extend((readable_name(path.relative_to(root).as_posix()), why) for path, why in found.refused)
    return problems


def relative_names(root: Path, files: list[Path]) -> tuple[list[str], list[bool]]:
    """Each file's path relative to ``root`` as text (:func:`~briefing.corpus.discovery.readable_name`), and
    whether its name is not valid UTF-8 (the text then differs from the path)."""
    relative = [readable_name(path.relative_to(root).as_posix()) for path in files]
    misnamed = [rel != path.relative_to(root).as_posix() for rel, path in zip(relative, files, strict=True)]
    return relative, misnamed


def sort_outcomes(
    relative: list[str], outcomes: list[LoadedFile | SkipFile | OSError]
) -> tuple[dict[str, tuple[str, LoadedFile]], list[tuple[str, str]], list[dict]]:
    """The files with text left after cleaning, by article id (each with its relative path); a problem row for
    each of the others; and the removed-text rows of the files skipped for having no text left."""
    usable: dict[str, tuple[str, LoadedFile]] = {}
    problems, removals = [], []
    for article_id, rel, found in zip(article_ids(relative), relative, outcomes, strict=True):
        if isinstance(found, SkipFile):
            problems.append((rel, str(found)))
        elif isinstance(found, OSError):
            problems.append((rel, f"cannot be read ({found.strerror or found}), skipped"))
        elif found.cleaned.kept:
            usable[article_id] = (rel, found)
        else:
            # What was removed from a skipped file stays on record, with the reason.
            problems.append((rel, skip_reason("no article text left after cleaning", found.cleaned.removed)))
            removals.extend(removal_rows(article_id, rel, found.cleaned.removed))
    return usable, problems, removals


def unlisted_rows(root: Path, manifest: Manifest, relative: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """A problem row for each manifest row that names no article file of the corpus, and the warning that sums
    them up (:func:`unmatched_manifest`), first among them; no rows and no warning when every row names a file.

    Raises
    ------
    ManifestError
        When the manifest has rows and none of them names an article file: every article's metadata would be
        lost (:func:`unmatched_manifest` says why, and how to name the files).
    """
    unmatched = sorted(set(manifest.rows) - set(relative))
    if not unmatched:
        return [], []
    summary = unmatched_manifest(unmatched, len(manifest.rows), relative)
    if len(unmatched) == len(manifest.rows):
        raise ManifestError(f"{shown_path(root / MANIFEST_NAME)}: {summary}")
    rows = [
        (MANIFEST_NAME, f"lists '{listed}', which is not an article file in the corpus; row ignored")
        for listed in unmatched
    ]
    return [(MANIFEST_NAME, summary), *rows], [f"{MANIFEST_NAME}: {summary}"]


def by_stem(relative: list[str]) -> dict[str, str]:
    """Article files by their path without the extension ("a/story" for "a/story.txt"), where only one file
    has that stem."""
    stems = Counter(str(PurePosixPath(rel).with_suffix("")) for rel in relative)
    return {stem: rel for rel in relative if stems[stem := str(PurePosixPath(rel).with_suffix(""))] == 1}


def unmatched_manifest(unmatched: list[str], rows: int, relative: list[str]) -> str:
    """Why ``unmatched``, of the manifest's ``rows``, name no article file, with the fix: the match the rows would
    get by the file's stem ("abc" for "abc.txt"), when that matches more, else how a row names a file."""
    stems = by_stem(relative)

    def stem_of(listed: str) -> str:  # a row's name without an article file's extension, which it may lack
        name = PurePosixPath(listed)
        return str(name.with_suffix("")) if name.suffix.lower() in ARTICLE_SUFFIXES else listed

    by_their_stem = {listed: stems[stem_of(listed)] for listed in unmatched if stem_of(listed) in stems}
    if len(unmatched) < rows:
        counted = f"{len(unmatched):,} of {rows:,} rows match no file"
    else:
        counted = f"none of its {rows:,} rows matches a file" if rows > 1 else "its one row matches no file"
    if by_their_stem:
        listed, file = next(iter(by_their_stem.items()))
        lacking = all(stem_of(name) == name for name in by_their_stem)  # no extension, rather than another one
        fix = "add the extension" if lacking else "write each file's own extension"
        return (
            f"{counted}; matching by file stem ('{listed}' -> '{file}') would match "
            f"{rows - len(unmatched) + len(by_their_stem):,}: {fix} in the manifest's `file` column"
        )
    return (
        f"{counted} (first: '{unmatched[0]}'); the `file` column names each file by its path inside the corpus "
        f"folder, with its extension (as '{relative[0]}')"
    )


def metadata_of(usable: dict[str, tuple[str, LoadedFile]]) -> dict[str, dict[str, str | None]]:
    """Each usable article's merged metadata, by article id."""
    return {article_id: found.metadata for article_id, (_, found) in usable.items()}


def cross_article_findings(
    usable: dict[str, tuple[str, LoadedFile]], options: LoadOptions
) -> tuple[dict[str, DuplicateMatch], set[str]]:
    """What only the articles together tell: which copy which (earliest first), and the short lines that recur
    in enough distinct stories to be boilerplate (copies of one story counting once)."""
    ids = sorted(usable, key=lambda i: (usable[i][1].metadata["published"] or "9999", i))
    texts = ["\n".join(line.text for line in usable[i][1].cleaned.kept) for i in ids]
    signatures = [usable[i][1].signature for i in ids]
    duplicates = find_duplicates(ids, texts, options.near_duplicate_threshold, signatures)
    group_of = {i: duplicates[i].duplicate_of if i in duplicates else i for i in ids}
    # only the lines the rule may drop, as each file's cache entry lists them (the rule's check, made once per file)
    short_lines = {i: [usable[i][1].cleaned.kept[k] for k in usable[i][1].short_lines] for i in ids}
    return duplicates, find_recurring_lines(short_lines, group_of, options.recurring_min_articles)


def finished_articles(
    usable: dict[str, tuple[str, LoadedFile]], duplicates: dict[str, DuplicateMatch], recurring: set[str]
) -> tuple[list[dict], list[Document], list[dict]]:
    """Each usable article, in id order, with the recurring lines dropped: its row of the articles table, its
    :class:`Document` and its removed-text rows."""
    rows, documents, removals = [], [], []
    for article_id in sorted(usable):
        rel, found = usable[article_id]
        result = drop_recurring(found.cleaned, recurring)
        rows.append(article_row(article_id, rel, found, result, duplicates.get(article_id)))
        published = found.metadata["published"] or None
        text = found.document.source_text
        documents.append(Document(article_id, text, tuple(result.kept), result.title or "", published))
        removals.extend(removal_rows(article_id, rel, result.removed))
    return rows, documents, removals


def article_row(
    article_id: str, rel: str, found: LoadedFile, result: CleanedLines, match: DuplicateMatch | None
) -> dict:
    """One row of the articles table: the file's metadata, hash, copy and the words cleaning took
    (``result``: its lines once the recurring ones are dropped)."""
    stated = found.metadata
    return {
        "id": article_id,
        "path": rel,
        "format": found.document.format,
        "title": result.title,
        "title_source": "stated" if stated["title"] else ("inferred" if result.title else None),
        "outlet": stated["outlet"],
        "published": stated["published"],
        "url": stated["url"],
        "content_hash": found.content_hash
        if len(result.kept) == len(found.cleaned.kept)  # no recurring line dropped: the text as cached
        else content_hash("\n".join(line.text for line in result.kept)),
        "duplicate_of": match.duplicate_of if match else None,
        "duplicate_similarity": match.similarity if match else None,
        "warnings": "; ".join(found.document.warnings) or None,
        "words_before_cleaning": result.body_words,
        "words_removed": sum(removal.words for removal in result.removed),
    }


def check_accounted(root: Path, relative: list[str], rows: list[dict], problems: list[tuple[str, str]]) -> None:
    """Refuse a corpus with no usable article, or with an article file neither analysed nor listed as a problem.

    Raises
    ------
    CorpusError
        Naming the last reason a file was skipped, or the file unaccounted for.
    """
    if not rows:
        article_files = set(relative)
        last_reason = next(problem for file, problem in reversed(problems) if file in article_files)
        raise CorpusError(f"{shown_path(root)}: no usable article ({len(relative)} files, all skipped: {last_reason})")
    accounted = {row["path"] for row in rows} | {file for file, _ in problems}
    missing = sorted(set(relative) - accounted)
    if missing:  # a bug, never a user error: refuse to brief on a corpus with files unaccounted for
        raise CorpusError(f"{shown_path(root / missing[0])}: file neither analysed nor listed as a problem")


def removal_rows(article_id: str, rel: str, removed: Iterable[Removal]) -> list[dict]:
    """Rows of the removed-text table for one file."""
    return [{"article": article_id, "file": rel, **removal._asdict()} for removal in removed]
