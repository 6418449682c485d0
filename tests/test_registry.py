"""The registry is the one place a rule is described: its order, the proposer serving it, its evidence."""

import pytest

from ocr_fix.detect.engine import ALWAYS, ORDER
from ocr_fix.detect.registry import EVIDENCE, PROPOSERS, RULES, rule


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
