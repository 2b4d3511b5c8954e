"""Manifest and dates: metadata is used when stated and never invented."""

import pandas as pd
import pytest

from briefing.corpus.loading import load_corpus
from briefing.corpus.metadata import normalize_date
from briefing.errors import ManifestError

BODY = "Officials said the talks in Istanbul ended without agreement on Friday.\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-20", "2025-05-20"),
        ("May 20, 2025", "2025-05-20"),
        ("2025-11-28T09:30:00Z", "2025-11-28"),
        ("20 May 2025", "2025-05-20"),
        ("next Tuesday", None),
        ("", None),
        ("today", None),  # a word, not a date: it would be the run's own date
        ("now", None),
        ("May 20", None),  # no year: none is taken from the day of the run
        ("May 2025", None),  # no day: the first of the month is nobody's date
        ("05/20/25", None),  # a two-digit year, whose century dateutil picks by the day of the run
        ("3pm", None),
        ("1 2 3", None),
        ("0001-01-01", "0001-01-01"),
        ("Tue, 20 May 2025 23:30:00 EST", "2025-05-20"),  # the date as stated, in its own time zone
        ("2025-05-20T10:00:00 EDT", "2025-05-20"),
        ("２０２５-０５-２０", "2025-05-20"),  # full-width digits
    ],
)
def test_dates_normalise_to_iso_or_stay_unknown(value, expected):
    assert normalize_date(value) == expected


def test_manifest_subset_of_columns_fills_only_what_it_states(make_corpus):
    root = make_corpus(
        {
            "a.txt": "First headline here today\n" + BODY,
            "sub/b.txt": "Second headline here today\n" + BODY.replace("Friday", "Monday"),
            "manifest.csv": 'file,outlet,date\na.txt,Example Times,"May 20, 2025"\nsub/b.txt,,\n',
        }
    )
    articles = load_corpus(root).articles.set_index("id")
    assert articles.loc["a", "outlet"] == "Example Times"
    assert articles.loc["a", "published"] == "2025-05-20"
    assert pd.isna(articles.loc["a", "url"])
    assert pd.isna(articles.loc["b", "outlet"]) and pd.isna(articles.loc["b", "published"])
    assert articles.loc["a", "title"] == "First headline here today"


def test_manifest_overrides_front_matter(make_corpus):
    root = make_corpus(
        {
            "a.md": "---\ntitle: From front matter\noutlet: FM Outlet\n---\n" + BODY,
            "manifest.csv": "file,outlet\na.md,Manifest Outlet\n",
        }
    )
    row = load_corpus(root).articles.iloc[0]
    assert (row["title"], row["outlet"], row["title_source"]) == ("From front matter", "Manifest Outlet", "stated")


def test_bad_manifest_rows_are_reported_not_fatal(make_corpus):
    root = make_corpus(
        {
            "a.txt": BODY,
            "manifest.csv": "file,date,color\na.txt,not a date,red\n,2025-01-01,\nmissing.txt,2025-01-01,\na.txt,,\n",
        }
    )
    corpus = load_corpus(root)
    problems = " | ".join(corpus.problems["problem"])
    assert "line 2: date 'not a date' is not a date" in problems
    assert "line 3: empty 'file' value" in problems
    assert "'missing.txt', which is not an article file" in problems
    assert "line 5: 'a.txt' listed again" in problems
    assert "unknown columns ignored: color" in problems
    assert pd.isna(corpus.articles.iloc[0]["published"])


def test_manifest_without_file_column_is_an_error_naming_the_file(make_corpus):
    root = make_corpus({"a.txt": BODY, "manifest.csv": "name,outlet\na.txt,X\n"})
    with pytest.raises(ManifestError, match=r"manifest\.csv': has no 'file' column"):
        load_corpus(root)


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (
            "file\na.html\nb.txt\n",
            "1 of 2 rows match no file; matching by file stem ('a.html' -> 'a.txt') would match 2: write each "
            "file's own extension in the manifest's `file` column",
        ),
        (
            "file\nzzz.txt\nb.txt\n",
            "1 of 2 rows match no file (first: 'zzz.txt'); the `file` column names each file by its path inside the "
            "corpus folder, with its extension (as 'a.txt')",
        ),
    ],
)
def test_manifest_rows_that_match_no_file_are_summed_up_with_the_fix(make_corpus, manifest, message):
    corpus = load_corpus(make_corpus({"a.txt": BODY, "b.txt": BODY.replace("story", "tale"), "manifest.csv": manifest}))
    assert corpus.warnings == (f"manifest.csv: {message}",)
    assert corpus.problems["problem"].tolist()[0] == message  # listed in the briefing, above the rows it sums up


def test_a_manifest_none_of_whose_rows_matches_a_file_is_an_error(make_corpus):
    root = make_corpus({"sub/a.txt": BODY, "manifest.csv": "file,outlet\na.txt,X\n"})
    with pytest.raises(ManifestError, match=r"manifest\.csv': its one row matches no file \(first: 'a\.txt'\); the "):
        load_corpus(root)
