"""Shared fixtures: the seeds, and small corpora written on the fly."""

from __future__ import annotations

from functools import lru_cache
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


@lru_cache(maxsize=1)
def ukraine_codebook():
    """The default codebook, loaded once."""
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK

    return load_codebook(DEFAULT_CODEBOOK)


UKRAINE = ukraine_codebook()


def claims_of(*texts: str, codebook=UKRAINE) -> set[tuple[str, str, str]]:
    """The rules' claims of literal sentences (passes 1–4), with their attributions as the pipeline passes them;
    the rows the trained decision adds (``via`` ``model``) are tested in test_stance_model.py."""
    from briefing.language.discourse import article_discourse
    from briefing.taggers.sources.source_article import extract_attributions
    from briefing.taggers.stances.stance_claims import extract_claims

    layer = layer_of(*texts, codebook=codebook)
    source = "".join(text + "\n\n" for text in texts)
    discourse = article_discourse(layer)
    attributions = extract_attributions("a", source, layer, codebook, discourse)
    claims = extract_claims("a", layer, codebook, attributions, discourse)
    return {(c.actor, c.issue, c.position) for c in claims if c.via != "model"}


def attributions(*paragraphs: str):
    """The attributions of literal paragraphs, as ``(kind, speaker, source type, side, quote)``, with their
    offsets checked against the text."""
    return [(a.kind, a.speaker, a.source_type, a.side, a.quote) for a in attribution_rows(*paragraphs)]


def attribution_rows(*paragraphs: str):
    """The attributions of literal paragraphs, whole rows of the sources table, with their offsets checked against
    the text."""
    from briefing.corpus.boilerplate import clean_lines
    from briefing.language.segment import build_paragraphs, split_sentences
    from briefing.run.per_article import article_layers
    from briefing.taggers.sources.source_article import extract_attributions

    text = "\n\n".join(paragraphs) + "\n"
    sentences = split_sentences(text, build_paragraphs(text, clean_lines(text, stated_title="Test").kept))
    found = extract_attributions("a", text, article_layers([(text, sentences)], UKRAINE)[0], UKRAINE)
    for a in found:
        assert text[a.start : a.end].startswith(a.quote.split(" … ")[0])  # offsets point at the quoted words
        assert text[a.start : a.end].endswith(a.quote.split(" … ")[-1])
        if a.cue_start is not None:
            assert a.cue_verb.startswith(text[a.cue_start : a.cue_end].lower().split()[0])
        if a.speaker_start is not None:
            assert text[a.speaker_start : a.speaker_end].strip()
    return found


# Fixture notebooks are inputs of tests (one kills its kernel on purpose), not notebooks for nbval to run.
collect_ignore_glob = ["fixtures/*"]
