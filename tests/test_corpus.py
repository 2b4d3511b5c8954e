"""Loading whole corpora: the seeds, bad input, and nothing written into the corpus."""

import pytest

from briefing.corpus import load_corpus
from briefing.errors import CorpusError
from briefing.paths import SEEDS_DIR

BODY = "Officials said the talks in Istanbul ended without agreement on Friday. Both sides blamed the other.\n"


def test_seeds_load_with_unknown_metadata(seeds_analysis):
    articles = seeds_analysis.articles
    assert sorted(articles["id"]) == sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))
    assert articles[["outlet", "published", "url"]].isna().all().all()
    assert articles["duplicate_of"].isna().all()
    assert seeds_analysis.problems.empty
    assert (articles["sentences"] >= 10).all() and (articles["words"] > 250).all()


def test_missing_and_empty_folders_are_errors_naming_the_folder(tmp_path):
    with pytest.raises(CorpusError, match="nowhere: corpus folder not found"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    with pytest.raises(CorpusError, match="empty: no article files"):
        load_corpus(tmp_path / "empty")


def test_no_readable_article_is_an_error(make_corpus):
    root = make_corpus({"a.txt": "", "b.txt": b"\x00\x01\x02binary"})
    with pytest.raises(CorpusError, match="no usable article"):
        load_corpus(root)


def test_bad_files_are_skipped_and_listed_and_cp1252_is_kept_with_a_warning(make_corpus):
    root = make_corpus(
        {
            "good.txt": "A real headline for the test\n" + BODY,
            "legacy.txt": ("Zelenskyy’s “peace formula” headline\n" + BODY).encode("cp1252"),
            "empty.txt": "",
            "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
            ".hidden/secret.txt": BODY,
            "notes.csv": "not an article",
        }
    )
    corpus = load_corpus(root)
    assert sorted(corpus.articles["id"]) == ["good", "legacy"]
    legacy = corpus.articles.set_index("id").loc["legacy"]
    assert legacy["title"] == "Zelenskyy’s “peace formula” headline"
    assert "decoded as cp1252" in legacy["warnings"]
    problems = dict(zip(corpus.problems["file"], corpus.problems["problem"], strict=True))
    assert problems["empty.txt"].startswith("empty file")
    assert problems["image.txt"].startswith("binary file")


def test_clashing_file_names_get_distinct_ids(make_corpus):
    root = make_corpus(
        {
            "a/story.txt": "Headline of story A here\n" + BODY,
            "b/story.txt": "Headline of story B here\n" + BODY.replace("Friday", "Sunday"),
        }
    )
    assert sorted(load_corpus(root).articles["id"]) == ["a/story", "b/story"]


def test_html_and_markdown_articles_load_beside_text(make_corpus):
    from conftest import FIXTURES

    root = make_corpus(
        {
            "page.html": (FIXTURES / "article.html").read_text(),
            "note.md": "# Markdown headline about the talks\n\n" + BODY,
        }
    )
    articles = load_corpus(root).articles.set_index("id")
    assert articles.loc["page", "outlet"] == "Example Herald"
    assert articles.loc["note", "title"] == "# Markdown headline about the talks"


def test_loading_writes_nothing_into_the_corpus(make_corpus):
    root = make_corpus({"a.txt": BODY, "manifest.csv": "file,outlet\na.txt,X\n"})
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    load_corpus(root)
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == before
