"""Round trips of the OCR formats layer, over the fixtures and every hOCR/ALTO file of
dev-set-formats: reading then writing with no edits gives the input bytes; random edits inside
words give a file whose text is the edited text and whose every other element and attribute is
unchanged; the same edits made again change nothing."""

from __future__ import annotations

import glob
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ocr_fix.formats import OcrDocument, Unrepresentable, read_ocr
from ocr_fix.formats.model import apply_edits
from ocr_fix.formats.xmlsafe import make_parser

DATA = Path(__file__).parent / "data" / "formats"
DEV = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "dev-set-formats" / "pairs"

FIXTURES = sorted(
    str(p)
    for p in DATA.iterdir()
    if p.suffix in (".xml", ".hocr", ".html") and not p.name.startswith("bad_")
)
DEV_FILES = sorted(glob.glob(str(DEV / "*.hocr")) + glob.glob(str(DEV / "*.alto.xml"))) if DEV.is_dir() else []

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЬЭЮЯ0123456789.,;:-&<>\"'№"


def load(path: str) -> OcrDocument:
    return read_ocr(Path(path).read_bytes(), path)


def local(n) -> str:
    return etree.QName(n).localname


def canon(root, kind: str, words: set[str], lines: set[str], whole_lines: bool = False) -> list:
    """Every element in document order as (tag, attributes, text, tail), with the values an edit of
    the words `words` (ids) may change masked: the word's text (hOCR: its content; ALTO: CONTENT,
    ALTERNATIVE and Glyph children; PAGE: the word's, its line's and its region's TextEquivs and
    glyphs). With `whole_lines`, everything inside the lines `lines` is masked (edits that join,
    split or delete words change the elements there)."""
    out: list = []

    def ident(n):
        return n.get("id") if n.get("id") is not None else n.get("ID")

    def walk(n, regions: set):
        if not isinstance(n.tag, str):
            out.append(("#", n.text, n.tail))
            return
        name = local(n)
        attrs = dict(n.attrib)
        nid = ident(n)
        masked_word = nid is not None and nid in words
        if masked_word:
            attrs.pop("CONTENT", None)
            out.append((name, sorted(attrs.items()), None, n.tail))
            if kind == "page":
                for c in n:
                    if isinstance(c.tag, str) and local(c) in ("TextEquiv", "Glyph"):
                        continue
                    walk(c, regions)
            return
        if whole_lines and nid is not None and nid in lines:
            out.append((name, sorted(attrs.items()), None, n.tail))
            return
        out.append((name, sorted(attrs.items()), n.text, n.tail))
        te_masked = kind == "page" and (nid in lines or nid in regions)
        for c in n:
            if te_masked and isinstance(c.tag, str) and local(c) == "TextEquiv":
                continue
            walk(c, regions)

    regions = set()
    if kind == "page":
        for n in root.iter():
            if isinstance(n.tag, str) and local(n) == "TextLine" and n.get("id") in lines:
                regions.add(n.getparent().get("id"))
    walk(root, regions)
    return out


def random_edits(doc: OcrDocument, rng: random.Random, n: int) -> list[tuple[int, int, str]]:
    """Up to `n` edits, each inside one word (the word stays one non-empty word); a hyphen that
    ends a line is left alone."""
    if not doc.words:
        return []
    picks = sorted(rng.sample(range(len(doc.words)), min(n, len(doc.words))))
    edits = []
    for k in picks:
        w = doc.words[k]
        text = doc.text[w.start : w.end]
        # inside one token of the word (a word may be read with spaces inside: ALTO CONTENT="a b")
        tokens = [m.span() for m in re.finditer(r"\S+", text)]
        t0, t1 = rng.choice(tokens)
        if t1 == len(text) and text.endswith("-") and doc.text[w.end : w.end + 1] == "\n":
            t1 -= 1
        if t1 <= t0:
            continue
        a = rng.randrange(t0, t1 + 1)
        b = rng.randrange(a, t1 + 1)
        rep = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 4)))
        if not text[t0:a] + rep + text[b:t1]:
            rep = "ж"
        edits.append((w.start + a, w.start + b, rep))
    return edits


def check_edits_roundtrip(doc: OcrDocument, edits: list[tuple[int, int, str]]) -> None:
    out = doc.write(edits)
    again = read_ocr(out, doc.path)
    assert again.text == apply_edits(doc.text, edits)
    assert again.kind == doc.kind and again.version == doc.version
    # everything but the edited words' text is unchanged
    edited = [w for w in doc.words if any(w.start <= s and e <= w.end for s, e, _ in edits)]
    words = {w.element_id for w in edited if w.element_id is not None}
    lines = {w.line_id for w in edited if w.line_id is not None}
    before = etree.fromstring(doc._raw, make_parser())
    after = etree.fromstring(out, make_parser())
    assert canon(before, doc.kind, words, lines) == canon(after, doc.kind, words, lines)
    # the same edits made again on the corrected file: nothing left to change, the same bytes
    shifted = []
    delta = 0
    for s, e, r in edits:
        shifted.append((s + delta, s + delta + len(r), r))
        delta += len(r) - (e - s)
    assert again.write(shifted) == out


@pytest.mark.parametrize("path", FIXTURES + DEV_FILES, ids=lambda p: Path(p).name)
def test_write_without_edits_gives_the_input_bytes(path):
    doc = load(path)
    assert doc.write(()) == Path(path).read_bytes()
    assert doc.write([]) == doc._raw


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: Path(p).name)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6))
def test_random_word_edits_on_fixtures(path, seed, n):
    doc = load(path)
    check_edits_roundtrip(doc, random_edits(doc, random.Random(seed), n))


@pytest.mark.skipif(not DEV_FILES, reason="dev-set-formats not present")
@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: Path(p).name)
def test_random_word_edits_on_dev_set(path):
    doc = load(path)
    rng = random.Random(Path(path).name)
    for _ in range(3):
        check_edits_roundtrip(doc, random_edits(doc, rng, rng.randrange(1, 12)))


def test_canon_masking_is_not_blind():
    """The masked comparison does see a change outside the edited words."""
    path = str(DATA / "telegram1949.dejavu.L2.s5.alto.xml")
    doc = load(path)
    raw = doc._raw.replace(b'WC="0.95"', b'WC="0.96"', 1)
    a = canon(etree.fromstring(doc._raw, make_parser()), "alto", {"string_1"}, set())
    b = canon(etree.fromstring(raw, make_parser()), "alto", {"string_1"}, set())
    assert raw != doc._raw and a != b


LINE_ALPHABET = ALPHABET + "    "


def random_line_edits(doc: OcrDocument, rng: random.Random, n: int) -> list[tuple[int, int, str]]:
    """Up to `n` edits anywhere inside lines (joining, splitting, deleting words), one per line."""
    by_line: dict = {}
    for k, w in enumerate(doc.words):
        by_line.setdefault((w.page, w.line_id, doc.text.rfind("\n", 0, w.start)), []).append(w)
    lines = list(by_line.values())
    if not lines:
        return []
    edits = []
    for ws in sorted(rng.sample(lines, min(n, len(lines))), key=lambda ws: ws[0].start):
        lo, hi = ws[0].start, ws[-1].end
        a = rng.randrange(lo, hi + 1)
        b = rng.randrange(a, min(hi, a + 12) + 1)
        rep = "".join(rng.choice(LINE_ALPHABET) for _ in range(rng.randrange(0, 6)))
        edits.append((a, b, rep))
    return edits


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: Path(p).name)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 4))
def test_random_edits_within_lines_are_written_or_refused_by_name(path, seed, n):
    """Edits that join, split or delete words: either the file comes back with exactly the edited
    text and nothing outside the edited lines changed, or an `Unrepresentable` names an edit."""
    check_line_edits(load(path), random_line_edits(load(path), random.Random(seed), n))


@pytest.mark.skipif(not DEV_FILES, reason="dev-set-formats not present")
@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: Path(p).name)
def test_random_edits_within_lines_on_dev_set(path):
    doc = load(path)
    rng = random.Random("lines " + Path(path).name)
    for _ in range(3):
        check_line_edits(doc, random_line_edits(doc, rng, rng.randrange(1, 8)))


def check_line_edits(doc: OcrDocument, edits: list[tuple[int, int, str]]) -> None:
    random_edits_in_lines = edits
    try:
        out = doc.write(edits)
    except Unrepresentable as e:
        assert e.edit in edits
        return
    again = read_ocr(out, doc.path)
    assert again.text == apply_edits(doc.text, random_edits_in_lines)
    # no id made twice (Tesseract's ALTO numbers each page from 0, so compare with the input)
    from collections import Counter

    was = Counter(w.element_id for w in doc.words if w.element_id is not None)
    now = Counter(w.element_id for w in again.words if w.element_id is not None)
    assert all(c <= max(was[i], 1) for i, c in now.items())
    lines = {w.line_id for w in doc.words if any(s <= w.end and w.start <= e for s, e, _ in edits)}
    before = etree.fromstring(doc._raw, make_parser())
    after = etree.fromstring(out, make_parser())
    assert canon(before, doc.kind, set(), lines, whole_lines=True) == canon(after, doc.kind, set(), lines, whole_lines=True)
