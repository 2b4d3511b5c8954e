"""Stances: who takes which position on which issue, read off the dependency parse.

A claim is (holder, issue, position, evidence). For every codebook issue named
in a parsed sentence of the shared linguistic layer (:mod:`briefing.language.parsing`), the
passes run in a fixed order:

0. **Issues.** The codebook's issue cues, and issues named again: a
   determiner with the head noun of an earlier mention ("the grain deal" …
   "the deal"), or with a general noun of the codebook's anaphoric list,
   which points back to the last sentence's issues ("Biden will supply
   missiles" … "Lavrov hit out against the deliveries"). An issue that is the
   topic of another ("talks to discuss a truce") is no position of its own.
1. **Predicate.** A cue on the issue's own word ("Russia *must* withdraw");
   else the issue's own verb when it is a finite clause with a subject
   ("Russia will stop fighting"); else, walking up the tree, the nearest
   position cue ("Moscow *rejected* a truce", "Kyiv *agreed to* halt
   strikes"); else a cue of the clause the issue is subject or object of ("a
   ceasefire is *unacceptable*", "his *demands* include …"). A cue that
   modifies the issue ("a truce *proposed by* Trump", "membership that Russia
   *opposes*") is a predicate of its own; a relative clause whose subject is
   the issue noun only describes it. The walk stops at an adverbial,
   relative or modifier clause that is not the content of what it hangs from,
   at an inverted condition ("should Putin decide …") and at a circumstance
   ("during the talks", "because of sanctions").
2. **Holder.** The predicate's subject, through ``xcomp``, ``conj``, copular
   and light-verb chains ("Trump wants …", "is ready to", "expressed
   willingness to"); a passive agent ("rejected by Kyiv"); the possessor of
   a cue noun ("Russia's demand for …"); each coordinated subject ("Kyiv and
   Moscow agreed …"); the antecedent of a relative pronoun ("lawmakers who
   back aid"); the one a judgement is made for ("For Ukraine, X is not
   negotiable"). A holder is a codebook actor, the group a common noun is
   part of ("members of Congress"), the country whose demonym names a group
   ("Russian and Ukrainian delegations"), or failing that a named person or
   organization of the parse ("Elon Musk"; a person under the fullest name
   the article gives, as in the source ledger: "Risch" is "Jim Risch"). "He"
   and "she" resolve to a person named before them in the sentence, a subject
   before an object, else to the last person named or quoted before it, as
   the source tagger read the article (one
   :class:`~briefing.language.discourse.Discourse` per article); "it" to the
   last institution; "they" to the speakers of the statement it stands in, else to
   the last plural or coordinated subject. "I", "we", a subject that names no
   one or a singular thing as subject ("the best way is to …") give the
   speaker of the attributed statement the predicate stands in (the
   attribution rows: speakers are never found a second time), then the holder
   of a clausal cue above it ("Zelensky *insisted* that territory was not
   negotiable"). A prescription ("Russia must withdraw," Zelensky said) is
   the speaker's, not its subject's; said by no one, it is no one's. An
   unnamed source holds for the institution its description names ("White
   House officials said").
3. **Polarity.** The cue's position, flipped by a negation of the cue ("does
   not rule out"), of any word between cue and issue ("agreeing never to
   join"), by a reversing word between them ("preventing Ukraine from
   joining"), by an inverse issue cue ("neutrality"), by a denial the clause
   is the content of ("Peskov denied that Moscow wants …"), and by a negated
   noun it is the content of ("no indication that Russia is ready to …"). A
   cue over a cue noun gives its own holder a claim too ("Kyiv rejected
   Moscow's demand for …": Kyiv opposes).
4. **Conditions.** A predicate with a condition (a clause or phrase opened by
   a conditional marker of the codebook: if, unless, only when, pending,
   provided, on condition that, as long as, linked to; until, before and
   without after a negation) makes the claim ``conditional`` and keeps the
   condition's words; issues inside the condition are claims of ``support``
   by the same holder (``oppose`` after "as long as" on a refusal: "no talks
   as long as Putin is president"), read through the condition's own
   predicate ("unless sanctions are eased" opposes them). A predicate inside
   another's condition is no claim of its own subject.

Left out: questions, predicates inside an if/whether clause or an inverted
condition that is no condition of a claim, modal possibilities ("could
withdraw"), the content of a report noun that no one named owns ("the false
allegation that …"; "his claim that …" is his), and positions an attributed
speaker reports about an actor of another side (a rival's report is not the
rival's position).

The modules, in the order of the passes: :mod:`.stance_issues` (0), :mod:`.stance_predicates` (1),
:mod:`.stance_holders` (2), :mod:`.stance_polarity` (3), :mod:`.stance_conditions` (4) and :mod:`.stance_claims`
(the passes over a sentence and an article, and the claims kept; the rows are defined in :mod:`.stance_rows`).
"""
