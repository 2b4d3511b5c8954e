"""Date quality, scored against hand-dated mentions.

The gold is a CSV, one row per date mention, dated by hand before the rules
that resolve it were written: ``id,source,article,published,mention,sentence,gold_date,note``.

- ``source`` groups the rows for the report (``polnear``, ``corpus-2022``, ``pool``);
- ``article`` is the article's path relative to the data folder (``dev/polnear/text/x.txt``), kept for the
  reader: the scorer reads only the sentence;
- ``published`` is the article's publication date (YYYY-MM-DD);
- ``mention`` is the date as written, found by its characters in ``sentence`` (its first occurrence);
- ``gold_date`` is the date it stands for, at the precision the text gives (``YYYY-MM-DD``, ``YYYY-MM`` or
  ``YYYY``), or ``none`` where it dates no event of the article (a name: "the Sept. 11 attacks").

For each row the tool's date resolution (:func:`briefing.taggers.timeline.dates_at`) runs on the sentence
(white space collapsed, as the analysis reads it) and its parse, as the analysis parses a sentence with a date,
with the publication date; the tool's mention is the one that overlaps the gold mention most. A row is right when
the tool gives the same date at the gold's precision (a day the tool gives is right for a gold month that holds
it), or, for a ``none`` row, when it gives no date (no mention, a name, or no year). Run ``python -m briefing
evaluate dates --gold CSV`` (``make eval``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.corpus.metadata import corpus_relative, csv_records, parse_date
from briefing.errors import GoldError, ManifestError, not_found, shown_path
from briefing.language.parsing import DEFAULT_MODEL, ParsedSentence, parse_articles
from briefing.language.segment import Sentence, collapse_whitespace
from briefing.taggers.timeline import dates_at, mentions_date

GOLD_COLUMNS = ("id", "source", "article", "published", "mention", "sentence", "gold_date", "note")
NONE = "none"  # the gold date of a mention that dates no event of the article
GOLD_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class DateScores(NamedTuple):
    """Accuracy overall and by source (``by_source``, its last row ``all``), and every row scored (``rows``)."""

    by_source: pd.DataFrame
    rows: pd.DataFrame


def load_date_gold(path: Path) -> pd.DataFrame:
    """Read and check a gold CSV of dated mentions; one row per mention, with the ``line`` it starts on.

    Raises
    ------
    GoldError
        Naming the file and, for a bad row, its line and problem.
    """
    path = Path(path)
    if not path.is_file():
        raise GoldError(not_found(path, "gold file"))
    try:
        header, records = csv_records(path, path.read_bytes())
    except ManifestError as exc:  # the manifest's reader: strict CSV, UTF-8, each record's line
        raise GoldError(str(exc)) from None
    missing = [column for column in GOLD_COLUMNS if column not in header]
    if missing:
        raise GoldError(
            f"{shown_path(path)}: missing columns: {', '.join(missing)} (expected {','.join(GOLD_COLUMNS)})"
        )
    if not records:
        raise GoldError(f"{shown_path(path)}: no rows under the header")
    rows, seen = [], {}
    for line, record in records:
        row = checked_row(path, line, record)
        if row["id"] in seen:
            raise GoldError(f"{shown_path(path)} line {line}: id {row['id']!r} is also on line {seen[row['id']]}")
        seen[row["id"]] = line
        rows.append(row)
    return pd.DataFrame(rows)


def checked_row(path: Path, line: int, record: dict) -> dict:
    """One gold record as a row (stripped values, the published date as ISO), or a :class:`GoldError` naming its
    line and problem."""
    if None in record:
        raise GoldError(f"{shown_path(path)} line {line}: more values than columns (quote a value that holds a comma)")
    values = {str(name).strip().lower(): value for name, value in record.items()}
    if any(values[column] is None for column in GOLD_COLUMNS):
        raise GoldError(f"{shown_path(path)} line {line}: fewer values than columns ({','.join(GOLD_COLUMNS)})")
    row = {column: collapse_whitespace(values[column]) for column in GOLD_COLUMNS}  # as the analysis reads text
    for column in ("id", "source", "article", "mention", "sentence", "gold_date"):
        if not row[column].strip():
            raise GoldError(f"{shown_path(path)} line {line}: empty {column!r}")
    article, outside = corpus_relative(row["article"])
    if outside:
        raise GoldError(
            f"{shown_path(path)} line {line}: article '{row['article']}' {outside}; give its path inside the data"
        )
    published, problem = parse_date(row["published"])
    if published is None:
        raise GoldError(f"{shown_path(path)} line {line}: published '{row['published']}' {problem}")
    if row["mention"] not in row["sentence"]:
        raise GoldError(f"{shown_path(path)} line {line}: mention {row['mention']!r} is not in its sentence as written")
    gold = row["gold_date"].lower()
    if gold != NONE and not (GOLD_DATE.fullmatch(gold) and pd.notna(pd.to_datetime(gold, errors="coerce"))):
        raise GoldError(
            f"{shown_path(path)} line {line}: gold_date {row['gold_date']!r} is not YYYY-MM-DD, YYYY-MM, YYYY or "
            f"{NONE!r}"
        )
    return {"line": line, **row, "article": article, "published": published, "gold_date": gold}


def parsed_sentences(sentences: list[str], spacy_model: str = DEFAULT_MODEL) -> list[ParsedSentence]:
    """Each sentence with its parse where the analysis would parse it for its dates (all of them with one), in one
    stream; entity recognition, which the dates do not read, left out."""
    articles = [(text, [Sentence(0, 0, 0, len(text), text, len(text.split()))]) for text in sentences]
    layers = parse_articles(articles, mentions_date, spacy_model, needs_entities=lambda item: False)
    return [layer[0] for layer in layers]


def tool_date(parsed: ParsedSentence, mention: str, published: str) -> tuple[str, str | None]:
    """The tool's expression at the mention's first place in the parsed sentence ("" where it finds none there) and
    the date it gives it (None: no date)."""
    sentence = parsed.sentence.text
    start = sentence.index(mention)
    end = start + len(mention)
    best, overlap = ("", None), 0
    for at, found in dates_at(sentence, published, parsed):
        shared = min(end, at + len(found.expression)) - max(start, at)
        if shared > overlap:
            best, overlap = (found.expression, found.date), shared
    return best


def right(gold: str, predicted: str | None) -> bool:
    """True when ``predicted`` is ``gold`` at the gold's precision, or both are no date (None, or NaN in a
    table)."""
    if not isinstance(predicted, str):
        return gold == NONE
    return gold != NONE and len(predicted) >= len(gold) and predicted[: len(gold)] == gold


def evaluate_dates(gold: pd.DataFrame, spacy_model: str = DEFAULT_MODEL) -> DateScores:
    """Score the tool's date resolution on each gold row's sentence and publication date."""
    parsed = parsed_sentences(list(gold["sentence"]), spacy_model)
    found = [tool_date(item, row.mention, row.published) for item, row in zip(parsed, gold.itertuples(), strict=True)]
    rows = gold.assign(
        expression=[expression for expression, _ in found],
        predicted=[date for _, date in found],
    )
    rows["right"] = [right(g, p) for g, p in zip(rows["gold_date"], rows["predicted"], strict=True)]
    rows["gold_none"] = rows["gold_date"] == NONE
    parts = [(source, rows[rows["source"] == source]) for source in sorted(rows["source"].unique())]
    table = pd.DataFrame([accuracy(source, part) for source, part in [*parts, ("all", rows)]])
    return DateScores(table, rows)


def accuracy(source: str, rows: pd.DataFrame) -> dict:
    """The counts and accuracy of one source's rows."""
    dated, named = rows[~rows["gold_none"]], rows[rows["gold_none"]]
    return {
        "source": source,
        "mentions": len(rows),
        "right": int(rows["right"].sum()),
        "accuracy": rows["right"].mean(),
        "dated": len(dated),
        "dated right": int(dated["right"].sum()),
        "none": len(named),
        "none right": int(named["right"].sum()),
    }


def errors(scores: DateScores) -> pd.DataFrame:
    """The rows the tool got wrong, for ``--errors``."""
    wrong = scores.rows[~scores.rows["right"]]
    return wrong[["line", "id", "source", "article", "published", "mention", "expression", "gold_date", "predicted"]]
