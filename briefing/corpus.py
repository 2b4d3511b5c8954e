"""Load a folder of articles into cleaned documents and tidy tables.

Loading is the only stage that looks across articles: boilerplate lines are
recognised because they recur in several stories, and syndicated copies
because they share most of their text. Everything after it works on one
:class:`Document` at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.cleaning import CleanedLines, Line, clean_lines, drop_recurring, find_recurring_lines
from briefing.duplicates import DEFAULT_THRESHOLD, content_hash, find_duplicates
from briefing.errors import CorpusError
from briefing.metadata import MANIFEST_NAME, METADATA_FIELDS, normalize_date, read_manifest
from briefing.progress import progress_bar
from briefing.reading import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, RawDocument, SkipFile, read_document


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
        One row per line the cleaning removed, with its rule.
    problems : DataFrame
        Files skipped and manifest rows ignored, with the reason.
    """

    root: Path
    articles: pd.DataFrame
    documents: list[Document]
    removed: pd.DataFrame
    problems: pd.DataFrame


def discover(corpus_dir: Path) -> list[Path]:
    """Article files under ``corpus_dir``, recursively, in a stable order.

    Raises
    ------
    CorpusError
        When the folder is missing or holds no article file.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: not a folder")
    files = sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(corpus_dir).parts)
    )
    if not files:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise CorpusError(f"{corpus_dir}: no article files ({suffixes}) in the corpus folder")
    return files


def article_ids(relative_paths: Iterable[str]) -> list[str]:
    """File stems as ids; the relative path without suffix where stems clash."""
    relative_paths = list(relative_paths)
    stems = [Path(path).stem for path in relative_paths]
    return [
        stem if stems.count(stem) == 1 else str(Path(path).with_suffix(""))
        for stem, path in zip(stems, relative_paths, strict=True)
    ]


def merge_metadata(stated: dict[str, str], listed: dict[str, str], warnings: list[str]) -> dict[str, str | None]:
    """Manifest values win over values the file states; dates become ISO."""
    merged: dict[str, str | None] = {key: listed.get(key) or stated.get(key) for key in METADATA_FIELDS}
    if merged["published"] and merged["published"] != listed.get("published"):
        date = normalize_date(merged["published"])
        if date is None:
            warnings.append(f"date '{merged['published']}' is not a date; left unknown")
        merged["published"] = date
    return merged


def load_corpus(corpus_dir: str | Path, options: LoadOptions = LoadOptions(), progress: bool = False) -> Corpus:
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

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        When the folder is missing or empty, or no article is usable.
    ManifestError
        When ``manifest.csv`` cannot be used.
    """
    root = Path(corpus_dir)
    files = discover(root)
    manifest = read_manifest(root)
    problems = [(MANIFEST_NAME, problem) for problem in manifest.problems]
    relative = [path.relative_to(root).as_posix() for path in files]

    raw: dict[str, tuple[str, RawDocument]] = {}
    for article_id, path, rel in progress_bar(
        list(zip(article_ids(relative), files, relative, strict=True)), "reading", enabled=progress
    ):
        try:
            raw[article_id] = (rel, read_document(path, options.max_bytes))
        except SkipFile as exc:
            problems.append((rel, str(exc)))
        except OSError as exc:
            problems.append((rel, f"cannot be read ({exc.strerror or exc}), skipped"))
    for listed in sorted(set(manifest.rows) - set(relative)):
        problems.append((MANIFEST_NAME, f"lists '{listed}', which is not an article file in the corpus; row ignored"))

    metadata = {}
    cleaned: dict[str, CleanedLines] = {}
    for article_id, (rel, document) in raw.items():
        metadata[article_id] = merge_metadata(document.metadata, manifest.rows.get(rel, {}), document.warnings)
        cleaned[article_id] = clean_lines(
            document.source_text, document.body_start, metadata[article_id]["title"], options.short_line_words
        )
        if not cleaned[article_id].kept:
            problems.append((rel, "no article text left after removing boilerplate, skipped"))
            del cleaned[article_id]

    ids = sorted(cleaned, key=lambda i: (metadata[i]["published"] or "9999", i))
    texts = ["\n".join(line.text for line in cleaned[i].kept) for i in ids]
    duplicates = find_duplicates(ids, texts, options.near_duplicate_threshold)
    group_of = {i: duplicates[i].duplicate_of if i in duplicates else i for i in ids}
    recurring = find_recurring_lines({i: cleaned[i].kept for i in ids}, group_of, options.recurring_min_articles)

    rows, documents, removals = [], [], []
    for article_id in sorted(cleaned):
        rel, document = raw[article_id]
        result = drop_recurring(cleaned[article_id], recurring)
        if not result.kept:
            problems.append((rel, "every line recurs in other articles, skipped"))
            continue
        stated = metadata[article_id]
        match = duplicates.get(article_id)
        rows.append(
            {
                "id": article_id,
                "path": rel,
                "format": document.format,
                "title": result.title,
                "title_source": "stated" if stated["title"] else ("inferred" if result.title else None),
                "outlet": stated["outlet"],
                "published": stated["published"],
                "url": stated["url"],
                "content_hash": content_hash("\n".join(line.text for line in result.kept)),
                "duplicate_of": match.duplicate_of if match else None,
                "duplicate_similarity": match.similarity if match else None,
                "warnings": "; ".join(document.warnings) or None,
            }
        )
        documents.append(Document(article_id, document.source_text, tuple(result.kept), result.title or ""))
        removals.extend({"article": article_id, **removal._asdict()} for removal in result.removed)
    if not rows:
        raise CorpusError(f"{root}: no usable article ({len(files)} files, all skipped: {problems[-1][1]})")

    return Corpus(
        root=root,
        articles=pd.DataFrame(rows),
        documents=documents,
        removed=pd.DataFrame(removals, columns=["article", "line", "start", "end", "text", "rule"]),
        problems=pd.DataFrame(problems, columns=["file", "problem"]),
    )
