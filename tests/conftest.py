"""Shared fixtures: the seeds, and small corpora written on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.paths import SEEDS_DIR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def make_corpus(tmp_path):
    """Write ``{relative path: text or bytes}`` into a fresh corpus folder."""

    def make(files: dict[str, str | bytes], name: str = "corpus") -> Path:
        root = tmp_path / name
        root.mkdir()
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def seeds_analysis():
    """The analysis of the five seed articles, computed once."""
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    return analyze(SEEDS_DIR, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))


def seed_text(stem_prefix: str) -> str:
    """The text of the seed whose file name starts with ``stem_prefix``."""
    (path,) = SEEDS_DIR.glob(f"{stem_prefix}*.txt")
    return path.read_text(encoding="utf-8")


def layer_of(*texts: str, codebook=None):
    """The linguistic layer of literal sentences, one paragraph each, as the analysis builds it."""
    from briefing.codebook import load_codebook
    from briefing.language.segment import Sentence
    from briefing.paths import DEFAULT_CODEBOOK
    from briefing.run.per_article import article_layers

    source, sentences = "", []
    for index, text in enumerate(texts):
        start = len(source)
        source += text + "\n\n"
        sentences.append(Sentence(index, index, start, start + len(text), text, len(text.split())))
    return article_layers([(source, sentences)], codebook or load_codebook(DEFAULT_CODEBOOK))[0]


# Fixture notebooks are inputs of tests (one kills its kernel on purpose), not notebooks for nbval to run.
collect_ignore_glob = ["fixtures/*"]
