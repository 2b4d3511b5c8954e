"""Codebooks are validated data; a bad one names the file, the entry and the problem."""

import re

import pytest

from briefing.codebook import CODEBOOK_KEYS, cue_regex, load_codebook
from briefing.errors import CodebookError
from briefing.paths import CODEBOOKS_DIR, DEFAULT_CODEBOOK, PROJECT_ROOT

MINIMAL = """
name: Test
sides: [A, B]
actors:
  - {id: alpha, name: Alpha Party, side: A, aliases: [Alpha]}
issues:
  - {id: tax, label: A new tax, cues: [tax]}
"""


def write(tmp_path, text: str):
    path = tmp_path / "codebook.yaml"
    path.write_text(text)
    return path


def test_default_codebook_loads_with_the_issues_the_briefing_needs():
    codebook = load_codebook(DEFAULT_CODEBOOK)
    assert {
        "cede_territory",
        "nato_membership",
        "ceasefire",
        "security_guarantees",
        "sanctions",
        "frozen_assets",
        "leadership_legitimacy",
        "army_limits",
    } <= set(codebook.issues)
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(codebook.actors["zelensky"].aliases)
    assert codebook.actors["peskov"].side == codebook.actors["medinsky"].side == "Russia"
    assert codebook.actors["witkoff"].side == codebook.actors["kushner"].side == "US"
    assert "as long as" in codebook.lasting_conditionals  # defaults came from package data
    assert "unacceptable" in codebook.positions["oppose"]
    assert codebook.demonyms["ukrainian"] == "ukraine"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("side: A,", "side: C,"), r"actors\[0\] \(id 'alpha'\): side 'C' is not one of"),
        (lambda t: t.replace("id: tax", "id: Tax"), r"issues\[0\]: 'id' must be lower_snake_case"),
        (lambda t: t.replace("cues: [tax]", "cues: []"), r"issues\[0\] \(id 'tax'\): 'cues' is empty"),
        (
            lambda t: t.replace("issues:", "  - {id: alpha, name: Again, side: B}\nissues:"),
            r"actors\[1\] \(id 'alpha'\): duplicate id",
        ),
        (
            lambda t: t.replace("issues:", "  - {id: beta, name: Beta, side: B, aliases: [ALPHA PARTY]}\nissues:"),
            r"actors\[1\] \(id 'beta'\): alias 'ALPHA PARTY' also belongs to actor 'alpha'",
        ),
        (
            lambda t: t.replace("aliases: [Alpha]}", "aliases: [Alpha], demonyms: [Alphan]}").replace(
                "issues:", "  - {id: beta, name: Beta, side: B, demonyms: [alphan]}\nissues:"
            ),
            r"actors\[1\] \(id 'beta'\): demonym 'alphan' also belongs to actor 'alpha'",
        ),
        (
            lambda t: t + "positions:\n  negated_conditional: [until, no]\n",
            r"positions.negated_conditional: 'negated_conditional' must hold only non-empty strings",
        ),
        (
            lambda t: t + "sources:\n  unnamed_adjectives: {Alphan: C}\n",
            r"sources.unnamed_adjectives.Alphan: side 'C' is not one of the sides",
        ),
        (lambda t: t + "sources:\n  sides: {A: [x]}\n", r"sources: unknown key 'sides': did you mean 'side_words'\?"),
        (lambda t: t.replace("sides: [A, B]", ""), r"top level: 'sides' is missing"),
        (lambda t: t + "control_claims:\n  verbs: [took]\n", r"control_claims.places: 'places' is missing"),
        (
            lambda t: t + "control_claims:\n  verbs: [took]\n  places: [town]\n  nouns: [city]\n",
            r"control_claims: unknown key 'nouns': the keys here are verbs, places",
        ),
        (
            lambda t: t + "control_claims:\n  verbs: [took control]\n  places: [town]\n",
            r"control_claims.verbs: verb 'took control' must be one word",
        ),
        (lambda t: "actors: [unclosed", r"not valid YAML"),
    ],
)
def test_bad_codebooks_get_one_line_errors_naming_file_entry_and_problem(tmp_path, edit, message):
    path = write(tmp_path, edit(MINIMAL))
    with pytest.raises(CodebookError, match=message) as error:
        load_codebook(path)
    assert str(error.value).startswith(f"'{path}'") and "\n" not in str(error.value)


def test_missing_codebook_is_an_error(tmp_path):
    with pytest.raises(CodebookError, match="codebook not found"):
        load_codebook(tmp_path / "nope.yaml")


def test_cue_syntax():
    assert cue_regex("withdr*").search("the withdrawal of troops")
    assert cue_regex("cede … territory").search("refused to cede control of the territory")
    assert not cue_regex("cede … territory").search("cede one two three four five six territory")
    assert cue_regex("Ukraine's allies").search("Ukraine’s allies insisted")
    assert cue_regex("US").search("the US delegation") and not cue_regex("US").search("told us")
    assert not cue_regex("talks").search("walkie-talkies")
    # a wildcard after a final "e" also matches the "-ing" form that drops it, and nothing shorter
    assert cue_regex("cede*").search("Kyiv rules out ceding land") and cue_regex("cede*").search("ceded")
    assert not cue_regex("cede*").search("a cedar chest") and not cue_regex("use*").search("the US")


@pytest.mark.parametrize("word", ["urgent", "urgently", "impossible", "increasingly", "attendant", "opposite"])
def test_default_cues_do_not_match_other_words_their_stem_starts(word):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    assert not [
        m for m in codebook.mentions(f"It was {word}.", "cues") if m.text.lower() == word and m.target != "oppose"
    ]
    assert word != "opposite" or not codebook.mentions("the opposite view", "cues")


def test_every_default_cue_has_an_anchor_its_matches_contain():
    codebook = load_codebook(DEFAULT_CODEBOOK)
    for kind in ("actors", "issues", "positions", "frames", "loaded"):
        for pattern in codebook.patterns(kind):
            assert pattern.anchor, pattern.text
            sample = pattern.text.replace("*", "s").replace("…", "the big").replace("...", "the big")
            match = pattern.regex.search(sample)
            assert match and pattern.anchor in match.group().lower().replace("’", "'"), pattern.text


def test_a_codebook_that_replaces_the_condition_markers_keeps_the_lasting_ones(tmp_path):
    codebook = load_codebook(write(tmp_path, MINIMAL + "positions:\n  conditional: [if, unless]\n"))
    assert codebook.lasting_conditionals == ("as long as", "so long as")  # the package's, read from one place
    assert {"if", "unless", "as long as"} <= set(codebook.conditionals)
    own = load_codebook(write(tmp_path, MINIMAL + "positions:\n  lasting_conditional: [for as long as]\n"))
    assert own.lasting_conditionals == ("for as long as",)


def test_a_positions_block_holds_no_english_grammar(tmp_path):
    with pytest.raises(CodebookError, match=r"positions.negation: is English grammar.*grammar.yaml"):
        load_codebook(write(tmp_path, MINIMAL + "positions:\n  negation: [not, never]\n"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("sides:", "side:"), r"top level: unknown key 'side': did you mean 'sides'\?"),
        (
            lambda t: t + "theme:\n  - {id: t, label: T, cues: [t]}\n",
            r"top level: unknown key 'theme': did you mean 'themes'",
        ),
        (
            lambda t: t.replace("aliases:", "alias:"),
            r"actors\[0\] \(id 'alpha'\): unknown key 'alias': did you mean 'aliases'",
        ),
        (
            lambda t: t.replace("cues: [tax]", "cue: [tax]"),
            r"issues\[0\] \(id 'tax'\): unknown key 'cue': did you mean 'cues'",
        ),
        (
            lambda t: t + "frames:\n  - {id: f, lable: F, cues: [f]}\n",
            r"frames\[0\] \(id 'f'\): unknown key 'lable': did you mean 'label'",
        ),
        (
            lambda t: t + "themes:\n  - {id: t, label: T, cues: [t], colour: red}\n",
            r"themes\[0\] \(id 't'\): unknown key 'colour': the keys here are id, label, cues",
        ),
        (lambda t: t + "positions:\n  suport: [back*]\n", r"positions: unknown key 'suport': did you mean 'support'"),
    ],
)
def test_an_unknown_key_at_any_level_names_the_entry_and_the_closest_known_key(tmp_path, edit, message):
    with pytest.raises(CodebookError, match=message):
        load_codebook(write(tmp_path, edit(MINIMAL)))


def readme_codebook_keys() -> set[tuple[str, str]]:
    """(where, key) of every row of the README's table of codebook keys."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Codebooks", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (`[^|]+) \| ([^|]+) \| [^|]+ \|$", section, flags=re.MULTILINE)
    assert rows, "the README's Codebooks section has no table of keys"
    return {
        (where.strip(), key)
        for keys, places in rows
        for key in re.findall(r"`([^`]+)`", keys)
        for where in places.split(",")
    }


def test_the_readme_lists_exactly_the_keys_a_codebook_may_hold():
    accepted = {(where, key) for where, keys in CODEBOOK_KEYS.items() for key in keys}
    listed = readme_codebook_keys()
    assert listed - accepted == set(), "the README lists keys the loader refuses"
    assert accepted - listed == set(), "the loader accepts keys the README does not list"


def test_the_shipped_codebooks_hold_only_known_keys():
    for path in sorted(CODEBOOKS_DIR.glob("*.yaml")):
        assert load_codebook(path).actors, path


def test_claims_about_who_controls_a_place_are_the_codebook_s_own_words(tmp_path):
    """The category is data: the verbs and place nouns of a codebook that defines it, any case; the place name
    starts with a capital. A codebook without the block has no such claims."""
    codebook = load_codebook(DEFAULT_CODEBOOK)
    places = [m.group("place") for m in codebook.control.regex.finditer("Forces Captured the town of Avdiivka.")]
    assert places == ["Avdiivka"]
    assert not codebook.control.regex.search("forces captured the town of the east")
    assert load_codebook(write(tmp_path, MINIMAL)).control is None
