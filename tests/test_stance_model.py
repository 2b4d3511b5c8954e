"""The trained stance decision: its files cannot run code, it keeps the rules' claims and adds its own above the
threshold, and the labels it is trained and measured by follow the evaluation's matching."""

import json

import numpy as np
import pandas as pd
import pytest
from conftest import UKRAINE, layer_of

from briefing.errors import ModelError
from briefing.taggers.stances import stance_model as model_module

PUTIN = (
    "Putin rejected a ceasefire on Monday.",
    "Zelensky said Ukraine would never give up territory, and he called for more sanctions on Russia.",
)


def readings_of(*texts: str):
    from briefing.language.discourse import article_discourse
    from briefing.taggers.sources.source_article import extract_attributions
    from briefing.taggers.stances.stance_claims import article_readings

    layer = layer_of(*texts)
    source = "".join(text + "\n\n" for text in texts)
    discourse = article_discourse(layer)
    return article_readings(
        "a", layer, UKRAINE, extract_attributions("a", source, layer, UKRAINE, discourse), discourse
    )


def test_the_shipped_model_is_numbers_and_a_description():
    with np.load(model_module.MODEL_WEIGHTS, allow_pickle=False) as arrays:
        assert {arrays[k].dtype.kind for k in arrays.files} == {"f"}
    info = json.loads(model_module.MODEL_INFO.read_text(encoding="utf-8"))
    model = model_module.stance_model()
    assert model.classes == tuple(info["classes"]) and model.classes[0] == model_module.NO_CLAIM
    assert model.weights.shape == (len(model.classes), info["features"]) and 0 < model.threshold < 1


def test_a_model_file_that_would_run_code_is_refused(tmp_path, monkeypatch):
    planted = tmp_path / "stance_model.npz"
    np.savez(planted, weights=np.array([object()], dtype=object), intercepts=np.zeros(4))
    monkeypatch.setattr(model_module, "MODEL_WEIGHTS", planted)
    model_module.stance_model.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"stance model cannot be read.*make train"):
            model_module.stance_model()
    finally:
        model_module.stance_model.cache_clear()


def test_the_decision_keeps_every_rule_claim_and_adds_model_rows_from_the_threshold():
    from briefing.taggers.stances.stance_claims import decide, scored_candidates

    readings = readings_of(*PUTIN)
    model = model_module.stance_model()
    rules = {(c.actor, c.issue, c.position) for r in readings for c in r.found.claims()}
    decided = decide(readings, model)
    assert ("putin", "ceasefire", "oppose") in rules
    assert rules <= {(c.actor, c.issue, c.position) for c in decided}
    scored = {(s.candidate.holder, s.candidate.issue): s.claimed for s in scored_candidates(readings, model)}
    for claim in decided:
        assert claim.probability == round(scored[(claim.actor, claim.issue)], 3)
        if claim.via == "model":
            assert claim.probability >= model.threshold and claim.cue == ""
    # a lower threshold keeps at least as many rows, a threshold above 1 only the rules'
    assert len(decide(readings, model._replace(threshold=0.0))) >= len(decided)
    assert {(c.actor, c.issue, c.position) for c in decide(readings, model._replace(threshold=1.1))} == rules


def test_candidates_are_labelled_as_the_evaluation_matches_a_claim():
    from briefing.evaluate.candidate_labels import as_decided, curve, labelled

    readings = readings_of(*PUTIN)
    start = len(PUTIN[0]) + 2
    coded = pd.DataFrame(
        [
            {
                "file": "a.txt",
                "actor": "Vladimir Putin",
                "issue": "ceasefire",
                "position": "oppose",
                "start": 0,
                "end": len(PUTIN[0]),
            },
            {
                "file": "a.txt",
                "actor": "zelensky",
                "issue": "sanctions",
                "position": "support",
                "start": start,
                "end": start + len(PUTIN[1]),
            },
            {
                "file": "a.txt",
                "actor": "zelensky",
                "issue": "nato_membership",
                "position": "support",
                "start": start,
                "end": start + len(PUTIN[1]),
            },
        ]
    )
    examples, reached = labelled(["a.txt"], [readings], coded, UKRAINE)
    labels = {(e.sentence, e.holder, e.issue): e.label for e in examples}
    assert labels[(0, "putin", "ceasefire")] == "oppose"  # a name of the actor is the actor
    assert labels[(1, "zelensky", "sanctions")] == "support"
    assert labels.get((0, "zelensky", "ceasefire"), "none") == "none"
    assert reached["reached"].tolist() == [True, True, False]  # no candidate names NATO in that sentence
    claimed, best = as_decided(examples, np.zeros(len(examples)), ["support"] * len(examples))
    rows = curve(examples, claimed, best, len(coded))
    ruled = sum(e.rule != "none" for e in examples)
    assert rows[0]["kept"] == ruled and rows[-1]["kept"] == ruled  # the rules' claims are kept at every threshold
    assert rows[0]["right"] == sum(e.rule != "none" and e.rule == e.label for e in examples)
