from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.confusion import single_edit_sources, substitution_cost, weighted_distance


def test_common_misreadings_are_cheap():
    assert weighted_distance("сиам", "сиаи") < 0.5
    assert weighted_distance("так", "тах") < 0.5
    assert weighted_distance("так", "тащ") > weighted_distance("так", "тах")
    assert substitution_cost("в", "з") < substitution_cost("в", "ц")


def test_split_letters():
    assert weighted_distance("мы", "мьі") < 0.5
    assert weighted_distance("войск", "войскак") > weighted_distance("войск", "войска")


def test_single_edit_sources():
    sources = single_edit_sources("ох", 0.6)
    assert "он" in sources
    assert "ох" not in sources


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="абвгдежзиклмнопрст", max_size=8), st.text(alphabet="абвгдежзиклмнопрст", max_size=8))
def test_distance_is_zero_only_for_equal_strings(a, b):
    d = weighted_distance(a, b)
    assert d >= 0
    assert (d == 0) == (a == b)
