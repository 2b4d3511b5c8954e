"""Write the analysis tables as CSV, with a data dictionary, atomically.

``TABLE_DOCS`` is the one description of every exported column: the
``README.md`` written beside the CSV files and the project README's export
section are both generated from it, and a test checks that every CSV has
exactly the documented columns.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from briefing.language.segment import EXCERPT_CHARS, MAX_SENTENCE_CHARS, WHOLE_SENTENCE_ROWS
from briefing.outputs import EXPORT_MARK, check_replaceable, commit, staging_folder
from briefing.publish.charts import Chart, rendered
from briefing.run.cache import DiskCache
from briefing.tables.analysis import row_hashes

CACHE_SECTION = "exports"  # the cache keys this section by the code of this module and all it imports

# how the evidence of a per-hit table is bounded (briefing.language.segment.evidence_text)
EVIDENCE_EXCERPT = (
    f"; after its first {WHOLE_SENTENCE_ROWS} rows in this table, a sentence is not repeated whole: a row gives the "
    f"words around its hit ({EXCERPT_CHARS} characters either side, `…` where cut)."
)


class TableDoc(NamedTuple):
    """What one exported file holds, and each of its columns."""

    description: str
    columns: dict[str, str]


TABLE_DOCS: dict[str, TableDoc] = {
    "articles": TableDoc(
        "One row per usable article.",
        {
            "id": "Article id: the file name without its extension; where two files would get the same id, "
            "each keeps its path relative to the corpus folder, extension included.",
            "path": "File path relative to the corpus folder.",
            "format": "`txt`, `md` or `html`.",
            "title": "Title from the manifest or front matter, else the first non-empty line that is not site chrome.",
            "title_source": "`stated` (manifest, front matter or HTML metadata) or `inferred` (first line).",
            "outlet": "Outlet as stated in the manifest, front matter or HTML metadata; empty when unknown.",
            "published": "Publication date (YYYY-MM-DD) as stated; empty when unknown.",
            "url": "URL as stated; empty when unknown.",
            "words": "Words in the cleaned article text.",
            "sentences": "Sentences in the cleaned article text.",
            "paragraphs": "Paragraphs in the cleaned article text.",
            "words_before_cleaning": "Words in the file's body (after any front matter) before cleaning.",
            "words_removed": "Words the cleaning removed (rows of `removed_text.csv`); the rest were kept.",
            "content_hash": "SHA-256 of the cleaned text's casefolded words; equal hashes are exact duplicates.",
            "duplicate_of": "Id of the earlier article this one copies (exact or near-duplicate); empty if none.",
            "duplicate_similarity": "Jaccard similarity of five-word shingles with that article (1 = identical).",
            "warnings": "Problems met while reading the file that did not stop it, and what the analysis altered "
            f"(text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence end, cut into sentences at word "
            "boundaries), separated by `; `.",
            "text": "The cleaned article text, paragraphs separated by blank lines.",
        },
    ),
    "paragraphs": TableDoc(
        "One row per paragraph of cleaned text.",
        {
            "article": "Article id.",
            "paragraph": "Paragraph number within the article, from 0.",
            "start": "Offset of the paragraph's first character in the source text.",
            "end": "Offset just past the paragraph's last character in the source text.",
            "text": "Paragraph text, white space collapsed.",
        },
    ),
    "sentences": TableDoc(
        f"One row per sentence, with its tone. Text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence "
        "end is cut at word boundaries into several sentences (the article's `warnings` say so).",
        {
            "article": "Article id.",
            "sentence": "Sentence number within the article, from 0.",
            "paragraph": "Number of the paragraph holding the sentence.",
            "start": "Offset of the sentence's first character in the source text (the decoded file; for HTML, "
            "the extracted main text).",
            "end": "Offset just past the sentence's last character; `source[start:end]` is the sentence.",
            "words": "Words in the sentence.",
            "polarity": "TextBlob polarity, -1 (negative) to +1 (positive).",
            "subjectivity": "TextBlob subjectivity, 0 (factual) to 1 (opinion).",
            "position_cue": 'True when a support or oppose cue of the codebook is in the sentence ("rejects", '
            '"calls for"); a conditional marker alone is none.',
            "cue_without_issue": "True when the sentence has a position cue but names no issue of the codebook: "
            "a position the codebook cannot count (the share is in the briefing's methodology).",
            "text": "Sentence text, white space collapsed.",
        },
    ),
    "tone_by_article": TableDoc(
        "One row per article: its tone, aggregated over its sentences. The data behind the tone chart.",
        {
            "article": "Article id.",
            "sentences": "Sentences scored.",
            "polarity_mean": "Mean sentence polarity.",
            "polarity_sd": "Standard deviation of sentence polarity (spread).",
            "subjectivity_mean": "Mean sentence subjectivity.",
            "neutral_share": "Share of sentences with polarity exactly 0.",
            "most_negative_sentence": "Number of the most negative sentence; empty if none scores below 0.",
            "most_negative_polarity": "Its polarity.",
            "most_negative_text": "Its text.",
            "most_positive_sentence": "Number of the most positive sentence; empty if none scores above 0.",
            "most_positive_polarity": "Its polarity.",
            "most_positive_text": "Its text.",
        },
    ),
    "stances": TableDoc(
        "One row per claim: an actor's position on an issue, with the sentence that states it.",
        {
            "article": "Article id.",
            "sentence": "Number of the evidence sentence within the article; -1 for the headline.",
            "actor": "Actor id from the codebook or, for a holder the codebook does not list, the name as written.",
            "actor_name": "Actor name.",
            "side": "The actor's side (the codebook's `Other` side for a holder it does not list).",
            "issue": "Issue id from the codebook.",
            "issue_label": "The issue, as a proposition.",
            "position": "`support`, `oppose` or `conditional` (accepted only on a condition).",
            "condition": 'For a conditional position, the words of the condition ("only if Ukraine withdraws …").',
            "cue": 'The words that signal the position ("rejected", "must", "Putin\'s conditions include").',
            "via": 'How the holder was found: `subject`, `passive` ("rejected by X"), `possessor` ("Russia\'s '
            'demand"), `pronoun`, `speakers` ("X and Y said they …"), `speaker` or `first person` (the speaker of '
            'the quotation or paraphrase the position stands in), `for` ("For Kyiv, X is not negotiable"), '
            '`report` ("his claim that …"), `reported` ("These include …" after a sentence on demands), '
            '`condition` (an issue named in the condition of another position) or `anaphora` ("rejected this '
            'demand").',
            "evidence": f"The evidence sentence (or headline){EVIDENCE_EXCERPT}",
            "start": "Offset of the evidence sentence in the source text (0 for a headline the file does not hold).",
            "end": "Offset just past the evidence sentence (0 for a headline the file does not hold).",
        },
    ),
    "sources": TableDoc(
        "One row per attribution: a quotation or citation and who it comes from.",
        {
            "article": "Article id.",
            "sentence": "Number of the sentence holding it.",
            "speaker": "The source: the codebook name, the name as written (one form per person across the "
            'corpus), or the unnamed description ("Analysts", "a Kremlin spokesperson").',
            "actor": "Codebook actor id; empty when the codebook does not know the speaker.",
            "affiliation": 'Institution from the text ("of the Royal United Services Institute in London").',
            "role": 'Apposition from the text ("a pro-Kremlin, Moscow-based analyst").',
            "source_type": "`official`, `organization`, `analyst`, `media`, `anonymous` or `other`.",
            "side": "Side: the codebook's for actors, else from words in the role or affiliation; `Other` if none.",
            "kind": "`direct` (a quotation), `partial` (a short quoted phrase inside a paraphrase), `indirect` "
            "(reported speech or thought) or `according_to`.",
            "cue_verb": "The cue as written (said, warned, according to, in a statement …); empty for a quotation "
            "that continues the speaker before it.",
            "verb_strength": "`neutral` (said, noted, believes) or `loaded` (warned, claimed, insisted); empty without "
            "a cue.",
            "quote": "The quoted or reported words; the parts of a quotation interrupted by its speaker are joined "
            "with ` … `.",
            "start": "Offset of the quoted or reported words in the source text.",
            "end": "Offset just past them.",
            "cue_start": "Offset of the cue in the source text; empty without a cue.",
            "cue_end": "Offset just past the cue.",
            "speaker_start": 'Offset of the speaker\'s mention in the source text (the pronoun for "he said"); '
            "empty for a quotation that continues the speaker before it.",
            "speaker_end": "Offset just past the mention.",
            "resolved": "False when nothing identifies the speaker beyond a bare name.",
        },
    ),
    "themes": TableDoc(
        "One row per sentence and codebook theme it touches.",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "theme": "Theme id from the codebook.",
            "theme_label": "Theme name.",
            "cue": "The first cue of the theme found in the sentence.",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
    ),
    "distinctive_terms": TableDoc(
        "The terms that most set each article apart from the rest of the corpus (TF-IDF), codebook or not.",
        {
            "article": "Article id.",
            "rank": "Rank within the article, from 1.",
            "term": "One- or two-word term (English stop words left out).",
            "score": "TF-IDF weight (sublinear term frequency; the article's vector has unit length).",
        },
    ),
    "timeline": TableDoc(
        "One row per date expression in an article, resolved against its publication date where it has no year.",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "expression": 'The date as written ("February 2022", "May 16", "in November").',
            "date": "The date (YYYY-MM-DD, YYYY-MM or YYYY, per precision); empty when unresolved.",
            "precision": "`day`, `month` or `year`.",
            "resolved": "False when the expression has no year and the article no publication date.",
            "evidence": f"The sentence{EVIDENCE_EXCERPT}",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
    ),
    "actor_mentions": TableDoc(
        "One row per codebook actor named in a sentence, found once on the linguistic layer and read by every "
        "tagger (stances, sources, tone toward actors).",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "actor": "Actor id from the codebook.",
            "actor_name": "Actor name.",
            "side": "The actor's side.",
            "alias": 'The words that name the actor, as written ("the Kremlin", "Russian President Vladimir Putin").',
        },
    ),
    "frames": TableDoc(
        "One row per frame an article uses (score of three or more).",
        {
            "article": "Article id.",
            "frame": "Frame id from the codebook.",
            "frame_label": "Frame name.",
            "score": "Three for a cue in the headline, plus one per body sentence with a cue.",
            "headline_cue": "The headline cue, if any.",
            "body_sentences": "Body sentences with a cue.",
            "sentence": "Number of the first body sentence with a cue; empty if only the headline has one.",
            "evidence": "That sentence, or the headline.",
            "start": "Offset of that sentence in the source text.",
            "end": "Offset just past that sentence.",
        },
    ),
    "loaded_wording": TableDoc(
        "One row per use of a loaded phrase from the codebook.",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "phrase": "The phrase as written.",
            "leaning": "Whose narrative the phrase belongs to (codebook `loaded_wording` key).",
            "quoted": "True when the phrase stands inside quotation marks (the speaker's words, not the writer's).",
            "evidence": f"The sentence{EVIDENCE_EXCERPT}",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
    ),
    "removed_text": TableDoc(
        "One row per line or span of text the cleaning removed, for every file read, including files then skipped. "
        "The rules and their size limits are listed in the briefing's methodology.",
        {
            "article": "Article id (also for a file that was then skipped; see `input_problems.csv`).",
            "file": "File path relative to the corpus folder.",
            "line": "Line number in the file, from 1 (first line of a run of trailing blank lines).",
            "start": "Offset of the removed text in the source text.",
            "end": "Offset just past the removed text; `text` is the source text from `start` to `end`.",
            "words": "Words removed (0 for blank lines).",
            "whole_line": "True when the whole line was removed; False for a span cut out of a longer line.",
            "rule": "The rule that removed it (see the methodology for what each rule removes and its size limit).",
            "text": "The removed text (or the number of trailing blank lines).",
        },
    ),
    "input_problems": TableDoc(
        "One row per file skipped, type of non-article file ignored, entry not read (a named pipe, a link out of "
        "the corpus or to a folder), manifest row ignored, or publication date far from the rest. Every article "
        "file found is either in `articles.csv` or here.",
        {
            "file": "File (relative to the corpus folder), a count of files of one other type, or `manifest.csv`.",
            "problem": "What was wrong and what was done about it.",
        },
    ),
}


def data_dictionary(tables: Mapping[str, TableDoc] = TABLE_DOCS) -> str:
    """Markdown ``Column | Description`` tables, one per exported file."""
    parts = []
    for name, doc in tables.items():
        rows = "\n".join(f"| `{column}` | {text} |" for column, text in doc.columns.items())
        parts.append(f"### `{name}.csv`\n\n{doc.description}\n\n| Column | Description |\n|---|---|\n{rows}\n")
    return "\n".join(parts)


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SAFETY_NOTE = (
    "Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage "
    "return) are written with a leading apostrophe `'`, the OWASP rule against CSV injection, so that opening a "
    "file runs nothing; drop that apostrophe to get the text as written (and to match the offsets)."
)


def spreadsheet_safe(column: pd.Series) -> pd.Series:
    """``column`` with a leading apostrophe on each text cell a spreadsheet would run as a formula (found in one
    vectorized pass: a table can hold millions of cells)."""
    values = column.to_numpy(dtype=object)
    risky = np.isin(values.astype("U1"), FORMULA_STARTS)  # each cell's first character (of its str() if not text)
    if risky.any():
        risky[risky] = [isinstance(value, str) for value in values[risky]]  # a number or NaN is never a formula
    if not risky.any():
        return column
    safe = values.copy()
    safe[risky] = ["'" + value for value in values[risky]]
    return pd.Series(safe, index=column.index, name=column.name)


CSV_FORMAT = {"index": False, "float_format": "%.4f", "lineterminator": "\n"}
# A cached export is written in runs of about this many articles; a run starts at an article whose id hashes to a
# multiple of it, so adding or editing an article changes only its own run, wherever it sorts.
ARTICLES_PER_RUN = 64
ARTICLE_COLUMNS = ("article", "id")  # the column that names each row's article


def csv_text(table: pd.DataFrame, header: bool = True) -> str:
    """``table`` as CSV, safe to open in a spreadsheet, with fixed float precision and Unix line endings."""
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):  # text, whatever its dtype; numbers are never formulas
            safe[column] = spreadsheet_safe(safe[column])
    return safe.to_csv(None, header=header, **CSV_FORMAT)


def article_runs(table: pd.DataFrame) -> list[tuple[int, int]]:
    """Row ranges of ``table`` that each start at an article chosen by its id alone (about one in
    :data:`ARTICLES_PER_RUN`), so the same articles give the same ranges in another corpus that holds them."""
    column = next((name for name in ARTICLE_COLUMNS if name in table.columns), None)
    if column is None or not len(table):
        return [(0, len(table))]
    ids = table[column].to_numpy(dtype=object)
    new_article = np.r_[True, ids[1:] != ids[:-1]]
    chosen = pd.util.hash_array(ids) % ARTICLES_PER_RUN == 0
    starts = np.flatnonzero(new_article & chosen).tolist()
    starts = [0, *starts] if not starts or starts[0] else starts
    return list(zip(starts, [*starts[1:], len(table)], strict=True))


def write_csv(table: pd.DataFrame, path: Path, store: DiskCache | None = None, rows: np.ndarray | None = None) -> None:
    """CSV with fixed float precision and Unix line endings, for stable diffs, safe to open in a spreadsheet.

    With a ``store``, the rows are written in runs of articles (:func:`article_runs`), each kept in the store
    under the hash of its rows (``rows``, the table's :func:`row_hashes` when the caller has them): a re-run after
    adding articles to a large corpus formats only their runs, and copies the others' bytes. The file is the same
    either way.
    """
    if store is None:
        path.write_bytes(csv_text(table).encode("utf-8"))
        return
    rows = row_hashes(table) if rows is None else rows
    # pandas' version is in the store's context
    layout = f"{list(table.columns)}{list(table.dtypes.astype(str))}{CSV_FORMAT}"
    with path.open("wb") as out:
        out.write(csv_text(table.iloc[:0]).encode("utf-8"))
        for start, end in article_runs(table):
            key = ("csv rows", layout, hashlib.sha256(rows[start:end].tobytes()).hexdigest())
            text = store.get(key, bytes)
            if text is None:
                text = csv_text(table.iloc[start:end], header=False).encode("utf-8")
                store.put(key, text)
            out.write(text)


def write_export(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    charts: Mapping[str, Chart] = {},
    store: DiskCache | None = None,
    rows: Mapping[str, np.ndarray] | None = None,
) -> Path:
    """Write every table as CSV, each chart as PNG, and a data dictionary.

    Everything is written to a staging folder first; ``out_dir`` is then
    replaced as a whole, so it holds this run's files and no others, and
    is left as it was if anything fails.

    Parameters
    ----------
    tables : mapping of name to DataFrame
        Names must be keys of ``TABLE_DOCS``.
    out_dir : str or Path
        Export folder; created when missing.
    charts : mapping of name to Chart
        Saved as ``<name>.png``, once rendered (:func:`~briefing.publish.charts.rendered`); the CSV behind each is
        exported with it.
    store : DiskCache, optional
        Runs of formatted rows to reuse and to add to (:func:`write_csv`): the cache's ``exports`` section.
    rows : mapping of name to array, optional
        Each table's :func:`row_hashes`, when the caller has them.

    Returns
    -------
    Path
        The export folder.
    """
    clash = set(tables) & set(charts)
    if clash:
        raise ValueError(f"chart names {sorted(clash)} would overwrite tables of the same name")
    out_dir = Path(out_dir).resolve()
    check_replaceable(out_dir)
    staging = staging_folder(out_dir)
    export = staging / out_dir.name
    export.mkdir()
    try:
        documented = {}
        for name, table in tables.items():
            doc = TABLE_DOCS[name]
            if list(table.columns) != list(doc.columns):
                raise ValueError(f"table {name} columns {list(table.columns)} differ from TABLE_DOCS")
            write_csv(table, export / f"{name}.csv", store, None if rows is None else rows[name])
            documented[name] = doc
        for name, chart in charts.items():
            chart = rendered(chart)  # a worker may still be rendering it (briefing.publish.charts.rendering_in)
            (export / f"{name}.png").write_bytes(chart.png)
            write_csv(chart.data, export / f"{name}.csv")
            documented[name] = TableDoc(f"The data behind the chart `{name}.png`: {chart.alt}", chart.columns)
        readme = f"{EXPORT_MARK}\n\nOffsets index the article's source text. {SAFETY_NOTE}\n\n" + data_dictionary(
            documented
        )
        (export / "README.md").write_text(readme, encoding="utf-8")
        commit([(export, out_dir)], staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir
