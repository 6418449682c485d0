"""Correction proposals and the automatic fix on small texts."""

import re

from ocr_fix.api import correct_text
from ocr_fix.propose.engine import apply_proposals


def test_confident_non_words_are_fixed_and_case_is_kept():
    result = correct_text("Посол сообщил, что правительство считает необходимым урегупировать ВОПРОСЫ.\n"
                          "американских войскак ВОЙСКАК")
    assert "урегулировать" in result.text
    assert "американских войск " in result.text


def test_the_old_name_of_a_text_correction_still_imports():
    from ocr_fix.api import Correction, TextCorrection

    assert Correction is TextCorrection and isinstance(correct_text("Посол сообщил."), Correction)


def test_proposal_fields():
    result = correct_text("Министр сообщил, что стороиа готова обсудить вопрос.")
    proposal = next(p for p in result.proposals if p.original == "стороиа")
    assert proposal.replacement == "сторона"
    assert 0 < proposal.score <= 1
    assert proposal.rule == "unknown-word"
    assert "misreading" in proposal.explanation and "common word" in proposal.explanation
    # plain words: no bare costs or Zipf figures, no grammeme tags
    assert not re.search(r"cost \d|frequency \d|Zipf|\b(?:ablt|datv|gent|accs|loct|nomn)\b", proposal.explanation)
    assert proposal.bin == "auto"
    assert len(proposal.alternatives) <= 3


def test_fix_is_idempotent_and_reproduced_by_its_proposals(sample_text):
    first = correct_text(sample_text)
    assert apply_proposals(sample_text, first.applied) == first.text
    second = correct_text(first.text)
    assert second.applied == []
    assert second.text == first.text


def test_line_endings_and_spacing_are_kept():
    text = "Посол  сообщил,\r\nчто  стороиа\tготова.\r\n\r\n"
    result = correct_text(text)
    assert result.text == text.replace("стороиа", "сторона")


def test_nothing_to_fix_returns_the_input():
    text = "Из Северной Кореи прибыл начальник политуправления корейской армии.\n"
    assert correct_text(text).text == text
    assert correct_text("").text == ""


def test_long_texts_are_checked_and_corrected_by_sections(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 12)
    paragraph = "Посол сообщил, что стороиа готова обсудить вопрос сегодня.\n\n"
    text = paragraph * 4
    assert len(api.sections(text)) > 1
    findings = [f for f in api.check_text(text).findings if f.text == "стороиа"]
    assert [f.start for f in findings] == [i * len(paragraph) + paragraph.index("стороиа") for i in range(4)]
    result = api.correct_text(text)
    assert result.text == text.replace("стороиа", "сторона")
    assert [p.start for p in result.applied] == [f.start for f in findings]


# --- a long text is worked through in sections, several at a time -------------------------------------

_LONG = ("Посол сообщил, что правительство считает необходимым урегупировать вопросы торговли.\n\n"
         "Министр сообщил, что стороиа готова обсудить вопрос о поставках американских войскак.\n\n"
         "Товарищ МАС ЦЗЭ-ДУИ принял посла и сообщил ему о положении в стране.\n\n") * 6


def test_a_long_text_checked_in_sections_by_workers_reads_as_one_text(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 40)
    assert len(api.sections(_LONG)) > 3
    alone = api.check_text(_LONG)
    together = api.check_text(_LONG, jobs=2)
    assert [f.as_dict() for f in together.findings] == [f.as_dict() for f in alone.findings]
    assert {f.text for f in alone.findings} >= {"урегупировать", "стороиа", "войскак"}
    last = alone.findings[-1]
    assert _LONG[last.start:last.end] == last.text and last.line > 10  # offsets and lines in the whole text


def test_a_long_text_corrected_in_sections_by_workers_reads_as_one_text(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 40)
    monkeypatch.setattr(api, "SECTIONS_PER_WORKER", 1)  # each section in a fresh worker
    alone = api.correct_text(_LONG)
    together = api.correct_text(_LONG, jobs=2)
    assert together.text == alone.text and together.proposals == alone.proposals
    assert alone.text.count("урегулировать") == 6
    assert apply_proposals(_LONG, alone.applied) == alone.text  # proposals on the whole text's offsets


def _worker_pid(_item) -> int:
    import os

    return os.getpid()


def test_long_work_with_one_job_runs_in_one_worker_at_a_time_handed_over(monkeypatch):
    """With one job, more sections than a worker takes run in worker processes (memory stays bounded);
    a short text stays in this process."""
    import os

    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTIONS_PER_WORKER", 2)
    pids = api._in_workers(_worker_pid, list(range(5)), (), 1)
    assert os.getpid() not in pids
    assert len(set(pids)) == 3  # a fresh worker every two sections
    assert api._in_workers(_worker_pid, [0, 1], (), 1) == [os.getpid()] * 2
    assert len(set(api._in_workers(_worker_pid, list(range(5)), (), 1, sections_per_worker=3))) == 2


def test_a_long_text_is_checked_by_workers_that_each_take_more_sections(monkeypatch):
    """A check's worker goes on for CHECK_SECTIONS_PER_WORKER sections (what it worked out of the words of
    earlier ones spares work); the findings are those of the sections checked in this process."""
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 40)
    asked = []
    in_workers = api._in_workers
    monkeypatch.setattr(api, "_in_workers", lambda *args: asked.append(args[5]) or in_workers(*args))
    report = api.check_text(_LONG, jobs=1)
    assert asked == [api.CHECK_SECTIONS_PER_WORKER] > [api.SECTIONS_PER_WORKER]
    assert len(api.sections(_LONG)) > api.SECTIONS_PER_WORKER  # so in workers, not here
    monkeypatch.setattr(api, "SECTIONS_PER_WORKER", 10 ** 6)  # now every section in this process
    assert api.check_text(_LONG, jobs=1).findings == report.findings and report.findings


def test_a_long_text_corrected_with_one_job_reads_as_section_by_section_in_this_process(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 40)
    monkeypatch.setattr(api, "SECTIONS_PER_WORKER", 2)
    parts = api.sections(_LONG)
    assert len(parts) > 2
    in_workers = api.correct_text(_LONG, jobs=1)
    here = [api._correct_section((_LONG[s:e], s, (), None, False, None, None, (), None)) for s, e in parts]
    assert in_workers.text == "".join(text for text, _ in here)
    assert in_workers.proposals == [p for _, proposals in here for p in proposals]
