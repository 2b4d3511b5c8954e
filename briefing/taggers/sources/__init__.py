"""Sources: who is quoted or cited, how, and on whose side, read off the parse.

Passes run in a fixed order over one article, and overlaps are resolved once
(after textacy's ``direct_quotations`` and the Gender Gap Tracker's quote
extractor):

1. **syntactic**: a cue verb (``briefing/data/grammar.yaml``) whose subject
   is the speaker and whose clausal complement or object is the content:
   "X said (that) …", "X told reporters …", "…, X said", passive "it was
   announced by X", "X was quoted as saying …"; "according to X"; a document
   whose "show" or "find" reports ("a poll shows …");
2. **quotations**: quoted text in any quoting style (curly, straight or
   doubled-apostrophe double quotes, guillemets, curly single quotes), over
   several sentences or paragraphs. A quotation takes the speaker of the
   syntactic attribution whose content or cue it touches; one without a
   verb floats to the speaker of the attribution just before it;
3. **heuristics**: speakers are resolved: a pronoun to the last person named,
   "Mr. Sanders" to the longest name of that person in the article, names to
   codebook actors; role and affiliation come from the apposition; a speaker
   with no name ("officials", "a senior diplomat") is ``anonymous``. The head
   of the speaker's phrase says who speaks: a named person keeps their name
   and speaks for the actor an alias in their title names (``speaks_for``:
   "Log Cabin Republicans president Gregory T. Angelo"); "some Democrats" are
   members, not the party; "Clinton defenders" and "critics of X" are not
   Clinton or X (``outsider_nouns`` in ``grammar.yaml``). Each act of speech is
   one row: a quoted phrase inside its speaker's paraphrase of the same cue is
   that paraphrase.

Kinds of row: ``direct`` (a quotation), ``partial`` (a paraphrase that quotes
a short phrase, or such a phrase in the writer's sentence), ``indirect``
(reported speech or thought) and ``according_to``. Offsets index the article's source text: the content
(``start``, ``end``), the cue and the speaker's mention.

The modules, in the order an article meets them: :mod:`.source_triggers` (the cue words and which sentences to
parse), :mod:`.source_speakers` (who a mention names), :mod:`.source_syntactic` (pass 1),
:mod:`.source_quotations` (pass 2), :mod:`.source_article` (the passes over one article, pass 3 and the rows, whose
definitions are in :mod:`.source_rows`) and :mod:`.source_merge` (one name per person across the corpus).
"""
