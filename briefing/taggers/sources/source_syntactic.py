"""Pass 1, syntactic: a cue verb whose subject is the speaker and whose complement or object is the content,
"according to X", and a document that "shows" or "finds".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook
from briefing.language.discourse import Discourse
from briefing.language.grammar import SUBJECTS, grammar
from briefing.language.parsing import ParsedSentence
from briefing.language.spans import SpanSet
from briefing.language.syntax import passive_agent, text_of
from briefing.taggers.sources.source_rows import Found
from briefing.taggers.sources.source_speakers import actor_spans, name_tokens, speaker_from
from briefing.taggers.sources.source_triggers import cue_lemmas, phrasal_particle, statement_cue

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SPEAKER_SUBJECTS = SUBJECTS - {"expl"}  # "there is" names no speaker
# A verb without its own subject takes the subject of the verb it hangs from: "X smiled and said", "saying".
INHERITS_SUBJECT = ("xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep")
RELATIVE_PRONOUNS = grammar().word_set("relative_pronouns")
MIN_NOUN_CONTENT = 4  # words a content without a verb needs to say something ("his demands" does not)


def needs_entities(item: ParsedSentence, codebook: Codebook | None = None) -> bool:
    """True when a parse has a proper noun where a speaker is named, so that entity types decide who speaks.

    That is a cue verb's subject or passive agent ("Mr. Sanders said"), the words after a cue verb without
    one ("…,” said Ms. Wahl") and the words after "according to", unless every proper noun there is a
    codebook actor, whose kind the codebook gives. A group's alias written as a personal name ("Corey
    Lewandowski" for a campaign) is not known that way: the recognizer says whether a person speaks, who then
    keeps their name. A pronoun subject needs none: "he" is found among the persons named before it.
    """
    doc = item.doc
    strengths = cue_lemmas()
    statement_nouns = set(grammar().statement_nouns)
    stated = any(token.lemma_.lower() in statement_nouns for token in doc)
    known = None  # the tokens of codebook actors, found only if needed

    def unknown_names(tokens) -> bool:
        nonlocal known
        names = [t.i for t in tokens if t.pos_ == "PROPN"]
        if not names:
            return False
        if known is None:
            known = {t.i for span in known_spans(item, codebook) for t in span} if codebook else set()
        return any(i not in known for i in names)

    for token in doc:
        if token.lower_ == "according":
            if unknown_names(doc[token.i + 1 : token.i + 12]):
                return True
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
            continue
        if token.lemma_.lower() not in strengths and not stated and phrasal_particle(token) is None:
            continue
        subject = subject_of(token)
        if subject is not None and subject.pos_ == "PRON":
            continue
        names = [t for right in token.rights for t in right.subtree] if subject is None else list(subject.subtree)
        if unknown_names(names):
            return True
    return False


def known_spans(item: ParsedSentence, codebook: Codebook) -> list[Span]:
    """The codebook actors of a sentence whose kind needs no recognizer: all but a group's alias of two or more
    proper nouns, which may be a person speaking for it ("Hope Hicks" of a campaign)."""
    return [
        span
        for span, target in actor_spans(item, codebook)
        if codebook.actors[target].kind == "person" or len(span) < 2 or any(t.pos_ != "PROPN" for t in span)
    ]


def subject_of(verb: Token, quoted: Callable[[Token], bool] = lambda token: False) -> Token | None:
    """The speaker's token: the verb's subject, a passive agent, or the subject of the verb it hangs from.

    A subject inside a quotation is the quotation itself ("“…,” X said" parsed with two subjects).
    """
    token = verb
    for _ in range(5):
        agent = passive_agent(token)
        if agent is not None:
            return agent
        subject = next((c for c in token.children if c.dep_ in SPEAKER_SUBJECTS and not quoted(c)), None)
        if subject is not None and subject.dep_ == "nsubjpass" and token.lemma_.lower() in cue_lemmas():
            subject = None  # "it was announced" names what was said, not who said it
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ not in INHERITS_SUBJECT or token.head is token:
            return None
        token = token.head
    return None


def inverted_subject(verb: Token, parsed: ParsedSentence, quoted: SpanSet) -> Token | None:
    """ "“…,” said X": the first noun after the verb and outside the quotation, not a time ("posted Friday")."""
    for token in verb.rights:
        timely = token.dep_ == "npadvmod" or token.ent_type_ in ("DATE", "TIME")
        nominal = token.pos_ in ("PROPN", "NOUN", "PRON") and not timely
        if nominal and not quoted.covers(parsed.offset(token)[0]):
            return token
    return None


def clause_tokens(root: Token) -> list[Token]:
    """A clause's tokens without a leading complementizer or punctuation."""
    tokens = [t for t in root.subtree if not t.is_space]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "''", "’", "»"):
        tokens.pop()
    return tokens


def content_of(verb: Token, subject: Token | None) -> list[Token]:
    """What the cue verb reports: its clausal complement, its object, or the clause it is appended to."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    complements = [c for c in children if c.dep_ == "ccomp"]
    # "X described …; he noted that Y": the complement after the verb, else the one before ("Y, he said").
    complement = next((c for c in complements if c.i > verb.i), complements[0] if complements else None)
    if complement is not None:
        return clause_tokens(complement)
    if lemma not in grammar().addressee_verbs:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        # A pronoun, a determiner or a bare name as object is whom or what it was about ("threatened Moscow").
        if (
            obj is not None
            and obj.pos_ not in ("PRON", "DET")
            and not (obj.pos_ == "PROPN" and obj.n_lefts + obj.n_rights == 0)
        ):
            extra = next((c for c in children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i), None)
            tokens = [t for t in obj.subtree if not t.is_space]
            if extra is not None:
                tokens += [t for t in extra.subtree if not t.is_space]
            return sorted(tokens, key=lambda t: t.i)
    else:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        predicate = next((c for c in children if c.dep_ in ("oprd",)), None)
        if obj is not None and predicate is not None:  # "called the mayor a liar"
            return sorted([*obj.subtree, *predicate.subtree], key=lambda t: t.i)
        about = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
        if obj is not None and about is not None and any(c.dep_ == "pcomp" for c in about.children):
            return [t for t in about.subtree if not t.is_space][1:]  # "accused Kyiv of disregarding …"
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if xcomp is not None and cue_lemmas().get(lemma) != "evidence":
        return clause_tokens(xcomp)
    if verb.dep_ == "parataxis" and verb.i > verb.head.i:  # "Russia will win, he said."
        own = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in own and t.i < verb.i and not t.is_space]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "''"):
            tokens.pop()
        return tokens
    return []


def according_to(parsed: ParsedSentence, state: Discourse, codebook: Codebook) -> list[Found]:
    """ "According to X, …": X is the source of the rest of the sentence."""
    found = []
    doc = parsed.doc
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
        if not objects:
            continue
        speaker, mention = speaker_from(cited_source(objects[0]), parsed, state, codebook)
        phrase = {t.i for t in token.subtree} | {t.i for t in objects[0].subtree} | {token.i, token.i + 1}
        rest = [t for t in doc if t.i not in phrase and not t.is_space]
        while rest and rest[0].is_punct:
            rest.pop(0)
        while rest and rest[-1].is_punct:
            rest.pop()
        if rest and speaker is not None:
            cue = parsed.offset(doc[token.i : token.i + 2])
            content = parse_span(parsed, rest)
            found.append(
                Found(
                    "according_to",
                    parsed.sentence.index,
                    (content,),
                    cue,
                    "according to",
                    "according",
                    mention,
                    speaker,
                )
            )
    return found


def parse_span(parsed: ParsedSentence, tokens: Sequence[Token]) -> tuple[int, int]:
    return parsed.offset(tokens[0])[0], parsed.offset(tokens[-1])[1]


class Cue(NamedTuple):
    """A cue verb of a sentence and, where its lemma is no cue verb, the word that makes it one."""

    verb: Token
    lemma: str
    particle: Token | None  # "made it clear", "pointed out"
    statement: Token | None  # "in a statement, X accused …"


def syntactic(
    parsed: ParsedSentence, state: Discourse, codebook: Codebook, quoted: SpanSet | None = None
) -> list[Found]:
    """Pass 1 over one parsed sentence: cue verbs outside quotations (``quoted``: the article's), with their
    speaker and content."""
    quoted = quoted if quoted is not None else SpanSet(())
    found = according_to(parsed, state, codebook)
    statement_nouns = set(grammar().statement_nouns)
    stated = any(token.lemma_.lower() in statement_nouns for token in parsed.doc)  # "in a statement" is possible
    for verb in parsed.doc:
        cue = cue_at(verb, parsed, quoted, stated)
        speaking = speaker_token(cue, parsed, quoted) if cue is not None else None
        if speaking is None:
            continue
        subject, kind = speaking
        speaker, mention = speaker_from(subject, parsed, state, codebook, verb)
        pieces = content_pieces(parsed, cue_content(cue, subject))
        span, cue_text = cue_place(cue, parsed)
        state.remember(speaker, parsed.sentence.paragraph)  # "…; however, he noted" later in the sentence
        lemma = cue.lemma if cue.statement is None else "statement"
        found.append(Found(kind, parsed.sentence.index, pieces, span, cue_text, lemma, mention, speaker))
    return found


def cue_at(verb: Token, parsed: ParsedSentence, quoted: SpanSet, stated: bool) -> Cue | None:
    """The cue a word of the sentence is, if any: a cue verb, a phrasal cue or, in a sentence with a statement
    noun (``stated``), a verb under "in a statement"; not inside a quotation nor negated."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
        return None
    strengths = cue_lemmas()
    lemma = verb.lemma_.lower()
    particle = phrasal_particle(verb)
    statement = statement_cue(verb) if lemma not in strengths and particle is None and stated else None
    if lemma not in strengths and statement is None and particle is None:
        return None
    if quoted.covers(parsed.offset(verb)[0]):
        return None  # speech reported inside a quotation is the speaker's words
    if any(child.dep_ == "neg" for child in verb.children):
        return None  # "did not comment" attributes nothing
    return Cue(verb, lemma, particle, statement)


def speaker_token(cue: Cue, parsed: ParsedSentence, quoted: SpanSet) -> tuple[Token, str] | None:
    """The word that names a cue's speaker and the kind of row: ``indirect``, or ``according_to`` for a
    document ("Assessments from X indicate", "a poll by X shows": X); None where no one speaks."""

    def in_quotation(token: Token) -> bool:
        return quoted.covers(parsed.offset(token)[0])

    subject = subject_of(cue.verb, in_quotation)
    if (subject is None or in_quotation(subject)) and cue.verb.dep_ != "relcl":
        # the parser took a word of the quotation; in a relative clause the words after the verb are what is said
        subject = inverted_subject(cue.verb, parsed, quoted)
    if subject is None:
        return None
    documents = grammar().document_nouns
    if subject.lemma_.lower() not in documents:
        return None if cue_lemmas().get(cue.lemma) == "evidence" else (subject, "indirect")
    source = document_source(subject)
    return (source if source is not None else subject), "according_to"


def cited_source(noun: Token) -> Token:
    """Whom "according to" credits: the source of a document or an interview ("according to a poll by X",
    "according to interviews by X": X), else the noun itself."""
    lemma = noun.lemma_.lower()
    if lemma in grammar().document_nouns or lemma in grammar().statement_nouns:
        return document_source(noun) or noun
    return noun


def document_source(noun: Token) -> Token | None:
    """Who a document or an interview comes from: "a poll by X", "data from X", "interviews by X"."""
    prepositions = grammar().word_set("source_prepositions")
    objects = (o for p in noun.children if p.dep_ == "prep" and p.lower_ in prepositions for o in p.children)
    return next((o for o in objects if o.dep_ == "pobj"), None)


def cue_content(cue: Cue, subject: Token) -> list[Token]:
    """The words a cue reports, outside its speaker's: for a phrasal cue what follows "clear", hanging from it
    or from the verb."""
    particle = cue.particle
    if particle is None:
        tokens = content_of(cue.verb, subject)
    else:
        tokens = [t for t in content_of(particle, subject) if t.i > particle.i] or [
            t for t in content_of(cue.verb, subject) if t.i > particle.i
        ]
        if not tokens:
            tokens = [t for c in particle.children if c.i > particle.i and c.dep_ == "advcl" for t in c.subtree]
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens.pop(0)
    return [t for t in tokens if t.i not in speaker_words(subject, cue.verb)]


def speaker_words(subject: Token, verb: Token) -> set[int]:
    """The words that name the speaker, which a content leaves out: the subject's phrase, or only its name where
    the cue heads a relative clause of it ("Weaver, who said …": the clause is what Weaver said)."""
    if verb.dep_ == "relcl" and verb.head.i == subject.i:
        return {t.i for t in name_tokens(subject)}
    return set(range(subject.left_edge.i, subject.right_edge.i + 1))


def content_pieces(parsed: ParsedSentence, tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    """The content's span, or none where the words say nothing: "claims that", or a short noun phrase with no
    verb ("reiterated his demands")."""
    content_words = [t for t in tokens if not t.is_punct]
    clausal = any(t.pos_ in ("VERB", "AUX") for t in content_words)
    return (parse_span(parsed, tokens),) if len(content_words) >= (2 if clausal else MIN_NOUN_CONTENT) else ()


def cue_place(cue: Cue, parsed: ParsedSentence) -> tuple[tuple[int, int], str]:
    """A cue's offsets and its words as the row shows them ("in an interview", not what follows it)."""
    verb, particle, statement = cue.verb, cue.particle, cue.statement
    span = parsed.offset(statement if statement is not None else verb)
    if particle is not None:
        span = (min(span[0], parsed.offset(particle)[0]), max(span[1], parsed.offset(particle)[1]))
    if statement is not None:
        noun = next(o for o in statement.children if o.dep_ == "pobj")
        text = text_of([statement, *noun.lefts, noun])
    else:
        text = parsed.doc.text[span[0] - parsed.sentence.start : span[1] - parsed.sentence.start]
    return span, " ".join(text.split()).lower()
