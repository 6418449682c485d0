"""The OCR engine's confidences and other readings as evidence (ocr_fix.readings)."""

from ocr_fix.api import check_text, correct_text
from ocr_fix.proposal import AUTO
from ocr_fix.readings import EngineReading, EngineReadings

TELEGRAM = "Сообщаю, что положение на фронте остается тяжелым, наши войскак отступают к реке."


def _reading(text: str, word: str, confidence: float | None, alternatives=()) -> EngineReadings:
    start = text.index(word)
    return EngineReadings([EngineReading(start, start + len(word), confidence, tuple(alternatives))])


def _proposal_on(result, text: str, word: str):
    start = text.index(word)
    return next(p for p in result.proposals if p.start <= start < p.end)


def test_a_token_inside_an_engine_word_finds_its_reading():
    readings = EngineReadings([EngineReading(0, 8, 0.4), EngineReading(9, 14, 0.9)])
    assert readings.at(0, 7).confidence == 0.4  # `Сталину` inside `Сталину,`
    assert readings.at(9, 14).confidence == 0.9
    assert readings.at(7, 10) is None  # across two words
    assert readings.confidence(8, 9) is None  # the space between


def test_readings_follow_the_text_through_edits_and_drop_the_edited_words():
    readings = EngineReadings([EngineReading(0, 4, 0.1), EngineReading(5, 9, 0.2), EngineReading(10, 14, 0.3)])
    moved = readings.edited([(5, 9, "слово")])
    assert [(r.start, r.end, r.confidence) for r in moved] == [(0, 4, 0.1), (11, 15, 0.3)]
    inserted = readings.edited([(4, 4, "x")])  # an insertion at a word's edge changes that word
    assert [(r.start, r.end) for r in inserted] == [(6, 10), (11, 15)]


def test_a_window_moves_readings_to_the_piece_offsets():
    readings = EngineReadings([EngineReading(0, 4, 0.1), EngineReading(5, 9, 0.2), EngineReading(10, 14, 0.3)])
    assert [(r.start, r.end, r.confidence) for r in readings.window(5, 14)] == [(0, 4, 0.2), (5, 9, 0.3)]


def test_a_word_the_engine_read_surely_goes_to_review_not_into_fix():
    plain = _proposal_on(correct_text(TELEGRAM), TELEGRAM, "войскак")
    assert plain.bin == AUTO  # bare text: corrected
    sure = _proposal_on(correct_text(TELEGRAM, readings=_reading(TELEGRAM, "войскак", 0.97)), TELEGRAM, "войскак")
    assert sure.bin != AUTO
    assert "97% confidence" in sure.explanation
    doubted = _proposal_on(correct_text(TELEGRAM, readings=_reading(TELEGRAM, "войскак", 0.3)), TELEGRAM, "войскак")
    assert doubted.bin == AUTO and doubted.replacement == "войска"


def test_a_real_word_read_with_low_confidence_is_found_but_never_changed_by_fix():
    text = "Посол сообщил, что письмо передано за министру иностранных дел."
    assert not [f for f in check_text(text).findings if f.text == "за"]
    doubted = _reading(text, "за", 0.3)
    found = [f for f in check_text(text, readings=doubted).findings if f.text == "за"]
    assert [f.rule for f in found] == ["low-confidence"]
    assert "30% confidence" in found[0].message
    assert not [f for f in check_text(text, readings=_reading(text, "за", 0.9)).findings if f.text == "за"]
    result = correct_text(text, readings=doubted)
    assert result.text == text


def test_the_engines_other_reading_is_a_candidate():
    text = "Посол сообщил, что кпьсмо передано министру иностранных дел."
    without = _proposal_on(correct_text(text, readings=_reading(text, "кпьсмо", 0.4)), text, "кпьсмо")
    assert without.replacement != "письмо"
    offered = _proposal_on(correct_text(text, readings=_reading(text, "кпьсмо", 0.4, ["письмо"])), text, "кпьсмо")
    assert offered.replacement == "письмо"
    assert "the engine's own second reading" in offered.explanation


def test_readings_reach_every_section_of_a_long_text(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 40)
    filler = "Положение на фронте остается тяжелым, и мы ждем указаний.\n\n" * 12
    text = filler + TELEGRAM
    assert len(api.sections(text)) > 1
    sure = _proposal_on(correct_text(text, readings=_reading(text, "войскак", 0.97)), text, "войскак")
    assert sure.bin != AUTO and "97% confidence" in sure.explanation
