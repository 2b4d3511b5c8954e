"""Syntax helpers the taggers share: where a mention sits on the parse, its words, and who does a passive verb."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefing.codebook import Mention
    from briefing.language.parsing import ParsedSentence


def passive_agent(word: Token) -> Token | None:
    """Who does a passive verb: the object of its "by" phrase ("rejected by Kyiv": Kyiv), if it has one."""
    agent = next((c for c in word.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def text_of(tokens: Sequence[Token]) -> str:
    """The source text from the first to the last token."""
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # not Doc.text, which joins every token each time


def span_head(item: ParsedSentence, start: int, end: int) -> Token | None:
    """The word of ``sentence.text[start:end]`` that the rest of it depends on."""
    first, last = item.token_at(start), item.token_at(max(start, end - 1))
    if first is None or last is None:
        return None
    inside = range(first.i, last.i + 1)
    return next((t for t in first.doc[first.i : last.i + 1] if t.head.i not in inside or t.head.i == t.i), first)


def token_range(item: ParsedSentence, mention: Mention) -> range:
    """Token indices a mention covers."""
    first, last = item.token_at(mention.start), item.token_at(max(mention.start, mention.end - 1))
    return range(first.i, last.i + 1)


def with_lemmas(doc: Doc, lemmas: Collection[str]) -> list[Token]:
    """The words of a parse whose lemma is one of ``lemmas``, found on the parse's arrays: reading every word's
    attributes in Python is what costs on a long corpus."""
    from spacy.attrs import LEMMA  # spaCy loads only where a parse is read

    if not lemmas:
        return []
    hashes = lemma_hashes(frozenset(lemmas))
    return [doc[i] for i, lemma in enumerate(doc.to_array(LEMMA).tolist()) if lemma in hashes]


@lru_cache(maxsize=4096)
def lemma_hashes(lemmas: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of lemmas, as the parse's arrays hold them."""
    from spacy.strings import hash_string

    return frozenset(hash_string(lemma) for lemma in lemmas)
