"""A proposal carries its evidence as (name, value) pairs beside the explanation's sentence, and review
files show them: an object in JSON, `name=value; ...` in TSV."""

import json

from ocr_fix.api import correct_text
from ocr_fix.review import reviewfile as rf

TEXT = "Тов. МАО ЦЗЭ-ДУН сказал. Конечно, добавил тов. МАС ЦЗЭ-ДУИ, что наши войскак отступают."


def _proposals():
    return {p.original: p for p in correct_text(TEXT).proposals}


def test_word_and_name_proposals_carry_their_evidence():
    proposals = _proposals()
    word = dict(proposals["войскак"].evidence)
    assert word["misreading cost"] > 0 and word["frequency (Zipf)"] > 3
    assert word["grammar"] == "fits its neighbours" and 0 <= word["probability of none of these"] < 0.1
    name = dict(proposals["МАС ЦЗЭ-ДУИ"].evidence)
    assert name["written so in the document"] is True and name["misreading cost"] > 0
    # the sentence says it in plain words, with no grammar tags
    assert "ablt" not in proposals["войскак"].explanation and "datv" not in proposals["войскак"].explanation


def test_a_held_reading_says_why_in_its_evidence_too():
    text = "Правительство СССР считает целесообразным продление переговоров."
    held = next(p for p in correct_text(text).proposals if p.original == "продление")
    assert held.bin == "review"
    assert dict(held.evidence)["left for a person"] == "a real word, and agreement alone is no evidence that it was misread"


def test_review_files_show_the_evidence():
    proposals = correct_text(TEXT).proposals
    review = rf.from_proposals("t.txt", "ab" * 32, "utf-8", TEXT, proposals)
    as_json = json.loads(rf.render(review, "json"))
    word_row = next(r for r in as_json["rows"] if r["original"] == "войскак")
    assert word_row["evidence"]["grammar"] == "fits its neighbours"
    tsv = rf.render(review, "tsv")
    assert "written so in the document=yes" in tsv
    assert rf.parse(rf.render(review, "json"), "json", "r.json") == review  # kept as found


def test_a_lone_given_name_carries_its_evidence_as_pairs_too():
    # a hyphenated given name standing alone is matched to the name it belongs to, by a path of its own
    text = "Тов. МАО ЦЗЕ-ДУН сказал. Как сказал ЦЗЕ-ДУИ, помощь нужна."
    proposal = next(p for p in correct_text(text).proposals if p.original == "ЦЗЕ-ДУИ")
    evidence = dict(proposal.evidence)
    assert evidence["the given name of"] == "Мао Цзе-дун" and evidence["written so in the document"] is True
    assert "the given name of Мао Цзе-дун" in proposal.explanation  # the sentence whole, not letter by letter
