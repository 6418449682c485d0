"""The HTML reports: self-contained, escaped, figures on top, texts side by side (ocr_fix/quality/report_html.py)."""

from __future__ import annotations

from html.parser import HTMLParser

from ocr_fix.quality.evaluate import evaluate
from ocr_fix.quality.report_html import eval_report, score_report
from ocr_fix.quality.score import score

HOSTILE = 'Посол <script>alert("x")</script> & <b>жирный</b> прибыл\nвторая строка\n'


class Page(HTMLParser):
    """The elements of a page, in order, with the text inside each table cell and highlight."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.doctype = None
        self.elements: list[tuple[str, dict]] = []
        self.open: list[tuple[str, dict, list[str]]] = []
        self.closed: list[tuple[str, dict, str]] = []  # (tag, attrs, text inside)
        self.feed(html)
        self.close()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in ("meta", "col", "input", "br"):
            self.open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        while self.open:
            t, attrs, text = self.open.pop()
            inner = "".join(text)
            self.closed.append((t, attrs, inner))
            if self.open:
                self.open[-1][2].append(inner)
            if t == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)

    def tags(self, name):
        return [(a, text) for t, a, text in self.closed if t == name]

    def with_class(self, tag, cls):
        return [(a, text) for t, a, text in self.closed if t == tag and cls in (a.get("class") or "").split()]

    def figures(self) -> dict[str, str]:
        """The first value of each figure: the summary on top."""
        found: dict[str, str] = {}
        for _, a in self.elements:
            if "data-figure" in a:
                found.setdefault(a["data-figure"], a["data-value"])
        return found


def assert_self_contained(page: Page):
    assert page.doctype and page.doctype.lower() == "doctype html"
    tags = [t for t, _ in page.elements]
    assert tags.count("style") == 1 and tags.count("meta") >= 1
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(tags)
    for _, attrs in page.elements:
        assert "src" not in attrs
        assert attrs.get("href", "#").startswith("#")
    style = page.tags("style")[0][1]
    assert "url(" not in style and "@import" not in style


def test_score_report_structure_and_escaping():
    s = score(HOSTILE, 'Посол <script>alert("x")</script> & <b>жирный</b> прибыя\nвторая строкаа\n')
    page = Page(score_report("ref <1>.txt", [("hyp & co.txt", s)]))
    assert_self_contained(page)
    tags = [t for t, _ in page.elements]
    assert "b" not in tags  # the text's own markup stays text
    # summary figures come before the side-by-side table
    first_card = next(i for i, (t, a) in enumerate(page.elements) if "card" in (a.get("class") or ""))
    diff_table = next(i for i, (t, a) in enumerate(page.elements) if t == "table" and a.get("class") == "diff")
    assert first_card < diff_table
    rows = [(a, text) for a, text in page.tags("tr") if a.get("id", "").startswith("doc1-l")]
    assert len(rows) == len(s.lines) == 2
    cells = [text for a, text in page.tags("td")]
    assert any('<script>alert("x")</script> & <b>жирный</b>' in c for c in cells)
    assert "ref <1>.txt" in page.tags("p")[0][1]
    assert [text for _, text in page.tags("h2")] == ["hyp & co.txt"]
    subs = [text for _, text in page.with_class("span", "sub")]
    assert subs == ["л", "я"]  # the reference's letter, then what the hypothesis has in its place
    assert [text for _, text in page.tags("ins")] == ["а"]
    figures = page.figures()
    assert float(figures["cer"]) == s.cer and float(figures["wer"]) == s.wer
    assert int(figures["char_substitutions"]) == s.chars.substitutions
    assert int(figures["char_insertions"]) == s.chars.insertions == 1
    worst = [text for a, text in page.tags("a") if a.get("href") == "#doc1-l2"]
    assert worst  # the worst lines link to their rows


def test_deletions_are_struck_in_the_reference_column():
    page = Page(score_report("r", [("h", score("войска прибыли", "войск прибыли"))]))
    assert [text for _, text in page.tags("del")][-1] == "а"  # the legend has its own <del>


def test_several_hypotheses_get_an_overview_and_a_section_each():
    ref = "один два три"
    page = Page(score_report("r", [("a", score(ref, "один два три")), ("b", score(ref, "оцин два"))]))
    assert len(page.with_class("section", "document")) == 2
    overview = page.with_class("table", "summary")
    assert len(overview) == 1
    assert [text for _, text in page.tags("h2")] == ["a", "b"]


def test_eval_report_shows_gold_ocr_and_corrected():
    pairs = [("doc <1>", "японских войскак\nприбыло\n", "японских войск\nприбыло\n"),
             ("doc2", "кот\n", "кот\n")]
    ev = evaluate(pairs, lambda t: t.replace("войскак", "войск").replace("кот", "кит"))
    page = Page(eval_report(ev))
    assert_self_contained(page)
    headers = [text for _, text in page.tags("th")]
    assert {"gold", "OCR", "corrected"} <= set(headers)
    diff_rows = [a for a, _ in page.tags("tr") if a.get("id", "").startswith("doc")]
    assert [a["class"] for a in diff_rows] == ["better", "clean", "worse"]
    figures = page.figures()
    assert float(figures["cer_before"]) == ev.figures()["cer_before"]
    assert int(figures["documents_worse"]) == 1
    assert [text for _, text in page.tags("h2")] == ["doc <1>", "doc2"]
    assert any(text == "worse" for _, text in page.tags("td"))
