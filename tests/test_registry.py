"""The registry is the one place a rule is described: its order, the proposer serving it, its evidence."""

from pathlib import Path

import pytest

from ocr_fix.detect.context import Context
from ocr_fix.detect.engine import ALWAYS, ORDER
from ocr_fix.detect.registry import (AMONG, EVIDENCE, NEEDS, NOT_SMALL_LETTERS, PROPOSERS, RULES, WORD_KINDS, archive_vouched,
                                     rule, serving)
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.options import PassOptions
from ocr_fix.propose.engine import propose_pass
from ocr_fix.propose.site import WordSite
from ocr_fix.propose.words import word_proposal
from ocr_fix.session import resources


def test_the_run_order_is_the_registrys():
    assert ORDER == sorted(RULES, key=lambda r: RULES[r].order)
    assert len({RULES[r].order for r in RULES}) == len(RULES)
    assert ORDER[0] == "page-furniture"  # furniture claims its tokens before any word rule looks at them
    assert set(ALWAYS) == {r for r in RULES if RULES[r].always}


def test_every_rule_names_a_known_proposer_and_evidence():
    for described in RULES.values():
        assert described.proposer in PROPOSERS
        assert described.evidence is None or described.evidence in EVIDENCE
        assert not described.evidence or described.real_word  # only a real word's suspicion has a ground


def test_a_rule_described_wrongly_is_refused_at_registration():
    with pytest.raises(ValueError, match="unknown proposer"):
        rule("x-test", "a test", order=99_999, proposer="nobody")(lambda ctx: ())
    with pytest.raises(ValueError, match="another rule runs at order"):
        rule("x-test", "a test", order=RULES["noise"].order, proposer="word")(lambda ctx: ())
    assert "x-test" not in RULES


SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# small-letter words that look most like what the kinds passed over are about: numerals (`х`, `ту`,
# `пп`), capitals read small, initials
_SMALL_LOOKALIKES = "х хх хiх т тт ттт ту у v iv ii пп ит чт ш и мао цзе кнр ссср ф илиппову китайско"


def _samples_context(more: str = "") -> Context:
    """A detection context over the samples, the look-alikes above and `more` words."""
    doc = Document(" ".join(path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))) +
                   "\n" + _SMALL_LOOKALIKES + more)
    return Context(doc, resources(()).lookup)


def test_a_word_of_small_letters_alone_is_of_no_kind_that_says_so():
    """The kinds registered with `small_letters=False` are not tested on such words (most of a text's):
    each of them is false of every one, in the sample and of the look-alikes above."""
    ctx = _samples_context()
    doc = ctx.doc
    small = {text for text in doc.texts_of(doc.russian_words) if text.isalpha() and text.islower()}
    assert len(small) > 100 and set(_SMALL_LOOKALIKES.split()) <= small
    assert NOT_SMALL_LETTERS and NOT_SMALL_LETTERS <= set(WORD_KINDS)
    for kind in NOT_SMALL_LETTERS:
        assert [text for text in sorted(small) if kind(ctx, text)] == [], kind.__name__
    capitals = {text for text in doc.texts_of(doc.russian_words) if not text.islower()}
    assert all(any(kind(ctx, text) for text in capitals) for kind in NOT_SMALL_LETTERS
               if kind.__name__ in ("_capitalised", "_title_word", "_short_capitals"))


def test_a_word_outside_a_kinds_list_is_of_no_such_kind():
    """The kinds registered with `among` are tested only on words whose folded form is in that list of
    the lexicons: each is false of every other word of the samples, and true of some word of its list."""
    ctx = _samples_context(" Ли лиса Тов тов ТОВ см Сталин сталин япония Ким ким")
    texts = set(ctx.doc.texts_of(ctx.doc.russian_words))
    assert AMONG and set(AMONG) <= set(WORD_KINDS)
    for kind, among in AMONG.items():
        listed = among(ctx.lexicons)
        assert [text for text in sorted(texts) if fold(text) not in listed and kind(ctx, text)] == [], kind.__name__
        assert any(kind(ctx, text) for text in texts if fold(text) in listed), kind.__name__


def test_a_word_without_what_a_kind_needs_is_of_no_such_kind():
    """The kinds registered with `needs` are tested only on words in which the pattern finds something:
    each is false of every other word of the samples and the look-alikes (mixed case and scripts,
    stems), and true of some word the pattern finds something in."""
    ctx = _samples_context(" СССр ЧТо вкП иСПОЛЬЗОВаЖия CCCP Кoрея Xрущев китайско- военно мОСКВА Ёлка")
    texts = set(ctx.doc.texts_of(ctx.doc.russian_words))
    assert NEEDS and set(NEEDS) <= set(WORD_KINDS)
    for kind, pattern in NEEDS.items():
        assert [text for text in sorted(texts) if pattern.search(text) is None and kind(ctx, text)] == [], kind.__name__
        assert any(kind(ctx, text) for text in texts if pattern.search(text)), kind.__name__


class _VouchingArchive:
    """An archive profile that writes every word in many files and never corrected any of them."""

    def kept(self, folded: str) -> bool:
        return True

    def archive_words(self, lookup) -> dict[str, int]:
        return {}

    def outweighs(self, word: str, folded: str) -> bool:
        return False

    def misread_as(self, folded: str) -> list[tuple[str, int]]:
        return []

    def word_files(self, folded: str) -> int:
        return 0

    def pair_files(self, first, second) -> int:
        return 0

    def name_files(self, name: str) -> int:
        return 0


def test_the_archive_may_vouch_only_for_a_word_suspected_of_being_misread():
    assert archive_vouched() == {r for r in RULES if RULES[r].archive_vouches}
    assert archive_vouched()  # the profile's evidence reaches some rule
    for rule_id in archive_vouched():
        # a word or name that may be right as written; a broken token stays broken whatever the archive writes
        assert RULES[rule_id].proposer in ("word", "name"), rule_id


def test_check_drops_a_finding_the_archive_vouches_for_exactly_for_the_rules_that_say_so(monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "_archive", lambda *args, **kwargs: {"archive": _VouchingArchive()})
    known = api._archive_known(PassOptions(profile="vouching.profile"), "обиспываться")
    for rule_id, described in RULES.items():
        finding = Finding(rule_id, 0, 12, "обиспываться", "a finding", "error", None)
        assert known(finding) == described.archive_vouches, rule_id


def test_the_word_verdict_keeps_a_word_the_archive_vouches_for_exactly_for_the_rules_that_say_so():
    lookup = resources(()).lookup
    doc = Document("при помощи которых обиспываться мыслями")
    index = doc.token_starting_at(doc.text.index("обиспываться"))
    tok = doc.tokens[index]
    for rule_id in serving("word"):
        site = WordSite(doc, index, lookup, {}, set(), archive=_VouchingArchive())
        finding = Finding(rule_id, tok.start, tok.end, tok.text, "a finding", "error", None)
        assert (word_proposal(site, finding) is None) == RULES[rule_id].archive_vouches, rule_id


def test_a_name_the_archive_vouches_for_is_left_as_written_exactly_for_the_rules_that_say_so():
    text = "Вчера прибыл товарищ Гуаньсянь из уезда. Конечно, добавил тов. МАС ЦЗЭ-ДУИ, все шаги"
    res = resources(())
    plain = {p.rule for p in propose_pass(text, res).proposals}
    vouched = {p.rule for p in propose_pass(text, res, archive=_VouchingArchive()).proposals}
    names = {"name-unknown", "name-near-miss"}
    assert names <= plain
    for rule_id in names:
        assert (rule_id in vouched) != RULES[rule_id].archive_vouches, rule_id
