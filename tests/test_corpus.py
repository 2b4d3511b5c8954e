"""Loading whole corpora: the seeds, bad input, and nothing written into the corpus."""

import random
from pathlib import Path

import pytest

from briefing.corpus.loading import article_ids, load_corpus
from briefing.corpus.reading import ARTICLE_SUFFIXES
from briefing.errors import CorpusError
from briefing.paths import SEEDS_DIR

LEAD_LINE = "KYIV, Ukraine (AP) — Russian forces shelled towns along the front line overnight, officials said."
WORDS = [
    "talks",
    "truce",
    "border",
    "grain",
    "ports",
    "sanctions",
    "envoy",
    "summit",
    "drones",
    "winter",
    "power",
    "refugees",
    "convoy",
] * 2
BODY = "Officials said the talks in Istanbul ended without agreement on Friday. Both sides blamed the other.\n"


def test_seeds_load_with_unknown_metadata(seeds_analysis):
    articles = seeds_analysis.articles
    assert sorted(articles["id"]) == sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))
    assert articles[["outlet", "published", "url"]].isna().all().all()
    assert articles["duplicate_of"].isna().all()
    assert seeds_analysis.problems.empty
    assert (articles["sentences"] >= 10).all() and (articles["words"] > 250).all()


def test_missing_and_empty_folders_are_errors_naming_the_folder(tmp_path):
    with pytest.raises(CorpusError, match="nowhere': corpus folder not found"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    with pytest.raises(CorpusError, match="empty': no article files"):
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
    assert sorted(load_corpus(root).articles["id"]) == ["a/story.txt", "b/story.txt"]


def test_same_stem_in_one_folder_keeps_both_files(make_corpus):
    root = make_corpus(
        {
            "story.txt": "Headline of the text story\n" + BODY,
            "story.md": "Headline of the markdown story\n" + BODY.replace("Friday", "Sunday"),
            "story.txt.txt": "Headline of a doubly named story\n" + BODY.replace("Friday", "Monday"),
        }
    )
    corpus = load_corpus(root)
    assert sorted(corpus.articles["id"]) == ["story.md", "story.txt", "story.txt.txt"]
    assert corpus.problems.empty


def test_article_ids_are_unique_by_construction():
    paths = ["story.txt", "story.md", "story.txt.txt", "a/story.txt", "a/b.txt", "b.txt", "a/b.md", "c"]
    ids = article_ids(paths)
    assert len(set(ids)) == len(paths)
    assert ids[-1] == "c"


def random_corpus(rng: random.Random) -> dict[str, str | bytes]:
    """A folder of the kinds of files users bring, good and bad, with clashing names."""
    story = LEAD_LINE + " " + " ".join(rng.sample(WORDS, 12)) + ". (AP Photo/Evan Vucci) " + BODY
    kinds = [
        lambda: "Headline of a story here\n\n" + story,
        lambda: story.replace("\n", " "),  # one line, ending in a sentence
        lambda: (LEAD_LINE + " " + BODY).rstrip(".\n"),  # one line, no final punctuation
        lambda: "Share this article\n\nLeave a Reply\n",  # nothing but furniture
        lambda: "",
        lambda: b"\x00\x01binary",
        lambda: "---\ntitle: Stated\n---\n" + story,
        lambda: "<html><body><p>Too short</p></body></html>",
    ]
    files: dict[str, str | bytes] = {}
    for _ in range(rng.randint(1, 12)):
        folder = rng.choice(["", "a/", "a/b/"])
        stem = rng.choice(["story", "story.txt", "news", "b", "a"])
        suffix = rng.choice([".txt", ".md", ".html", ".txt", ".csv", ".pdf"])
        files[folder + stem + suffix] = rng.choice(kinds)()
    files["anchor.txt"] = "Headline of the anchor story\n\n" + story
    return files


@pytest.mark.parametrize("seed", range(25))
def test_every_file_found_is_an_article_or_a_listed_problem(make_corpus, seed):
    files = random_corpus(random.Random(seed))
    root = make_corpus(files, name=f"random{seed}")
    corpus = load_corpus(root)
    found = {path for path in files if Path(path).suffix in ARTICLE_SUFFIXES}
    kept = set(corpus.articles["path"])
    problems = set(corpus.problems["file"]) & found
    assert found == kept | problems and not kept & problems
    assert corpus.articles["id"].is_unique
    others = [path for path in files if Path(path).suffix not in ARTICLE_SUFFIXES]
    listed = " ".join(corpus.problems["problem"])
    assert all(path in listed for path in others[:5]) or len(others) > 5
    # Removals of skipped files are on record, with offsets into their text.
    skipped_with_text = {
        path
        for path in problems
        if isinstance(files[path], str)
        and "no article text left" in " ".join(corpus.problems.loc[corpus.problems["file"] == path, "problem"])
    }
    assert skipped_with_text <= set(corpus.removed["file"])


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
