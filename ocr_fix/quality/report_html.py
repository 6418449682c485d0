"""Self-contained HTML reports of `score` and `eval`: summary figures on top, then each document's text
side by side with its reference, differences highlighted line by line.

Nothing is fetched from elsewhere (no scripts, fonts or style sheets from a CDN): the file opens
offline and can be mailed. Every piece of document text and every file name goes through
html.escape, since OCR output can contain anything, `<script>` included. Each figure carries its
raw value in a data-value attribute, the same number the JSON output gives.
"""

from __future__ import annotations

from html import escape

from ocr_fix.quality.evaluate import Evaluation, PairResult
from ocr_fix.quality.score import LineScore, Piece, Score

_STYLE = """
:root { --del: #f8c9c4; --ins: #c8ecc9; --sub: #fde7a6; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 24px 32px 64px; max-width: 1500px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 36px 0 8px; }
h3 { font-size: 15px; margin: 20px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.meta { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 128px; background: #f6f8fa; }
.card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
.card.good .value { color: #1a7f37; } .card.bad .value { color: #cf222e; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; }
table.diff { width: 100%; table-layout: fixed; }
table.diff td.text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px;
                     white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff col.ln { width: 3.5em; } table.diff col.rate { width: 7em; } table.diff col.rate2 { width: 10em; }
.panels { display: flex; flex-wrap: wrap; gap: 8px 40px; align-items: flex-start; }
table.diff tr.clean td { color: var(--muted); }
table.diff tr.worse td.ln { box-shadow: inset 4px 0 #cf222e; } table.diff tr.better td.ln { box-shadow: inset 4px 0 #1a7f37; }
td.ln a { color: inherit; text-decoration: none; }
del { background: var(--del); text-decoration: line-through; text-decoration-color: #a40e26; }
ins { background: var(--ins); text-decoration: none; }
.sub { background: var(--sub); border-bottom: 2px solid #d4a72c; }
.legend span { display: inline-block; margin-right: 14px; padding: 0 6px; border-radius: 3px; }
.confusions td.text { font-family: ui-monospace, monospace; }
.bar { display: inline-block; height: 8px; background: #cf222e; border-radius: 2px; vertical-align: middle; margin-left: 6px; }
#only-errors:checked ~ section tr.clean { display: none; }
.toggle { color: var(--muted); user-select: none; }
"""

_VISIBLE_SPACE = {" ": "\u2423", "\n": "\u23ce", "\r\n": "\u23ce", "\r": "\u23ce", "\t": "\u21e5"}


def percent(value: float | None) -> str:
    """A rate as the reports print it (the JSON output keeps the raw fraction)."""
    return "–" if value is None else f"{100 * value:.2f}"


def visible(text: str) -> str:
    """Spaces and line breaks that are themselves the difference, made visible."""
    return "".join(_VISIBLE_SPACE.get(ch, ch) for ch in text)


def _plain(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def _side(pieces: tuple[Piece, ...], side: str) -> str:
    out = []
    for p in pieces:
        text = p.reference if side == "reference" else p.hypothesis
        other = p.hypothesis if side == "reference" else p.reference
        if p.tag == "equal":
            out.append(escape(_plain(text)))
        elif p.tag == "replace":
            out.append(f'<span class="sub" title="{escape(visible(other))}">{escape(visible(text))}</span>')
        elif text:
            tag = "del" if p.tag == "delete" else "ins"
            out.append(f"<{tag}>{escape(visible(text))}</{tag}>")
    return "".join(out)


def _figure(key: str, label: str, value, text: str, tone: str = "") -> str:
    raw = "" if value is None else repr(value)
    return (f'<div class="card {tone}"><div class="value" data-figure="{key}" data-value="{escape(raw)}">'
            f'{escape(text)}</div><div class="label">{escape(label)}</div></div>')


def _cell(key: str, value, text: str) -> str:
    raw = "" if value is None else repr(value)
    return f'<td class="num" data-figure="{key}" data-value="{escape(raw)}">{escape(text)}</td>'


def _page(title: str, subtitle: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f'<header><h1>{escape(title)}</h1><p class="meta">{escape(subtitle)}</p>\n'
            f'<p class="legend"><span style="background:var(--sub)">substituted</span>'
            f'<span style="background:var(--del)"><del>deleted</del></span>'
            f'<span style="background:var(--ins)">inserted</span></p></header>\n'
            f'<input type="checkbox" id="only-errors"><label class="toggle" for="only-errors"> '
            f"show only lines with differences</label>\n{body}\n</body>\n</html>\n")


def _score_cards(s: Score) -> str:
    c, w = s.chars, s.words
    return '<div class="cards">' + "".join([
        _figure("cer", "CER %", s.cer, percent(s.cer)),
        _figure("wer", "WER %", s.wer, percent(s.wer)),
        _figure("char_substitutions", "substitutions", c.substitutions, str(c.substitutions)),
        _figure("char_deletions", "deletions", c.deletions, str(c.deletions)),
        _figure("char_insertions", "insertions", c.insertions, str(c.insertions)),
        _figure("reference_graphemes", "reference graphemes", c.reference, str(c.reference)),
        _figure("word_errors", "word errors (S/D/I)", w.edits, f"{w.substitutions}/{w.deletions}/{w.insertions}"),
        _figure("reference_words", "reference words", w.reference, str(w.reference)),
    ]) + "</div>"


def _confusion_table(s: Score, limit: int) -> str:
    if not s.confusions or limit <= 0:
        return ""
    rows = "".join(
        f'<tr><td class="text">{escape(visible(c.reference)) or "<i>(none)</i>"}</td>'
        f'<td class="text">{escape(visible(c.hypothesis)) or "<i>(none)</i>"}</td><td class="num">{c.count}</td></tr>'
        for c in s.confusions[:limit])
    return ('<h3>Most frequent confusions</h3><table class="confusions"><thead><tr><th>reference</th>'
            f'<th>read as</th><th class="num">times</th></tr></thead><tbody>{rows}</tbody></table>')


def _worst(s: Score, anchor: str, limit: int) -> str:
    worst = s.worst_lines(limit)
    if not worst:
        return ""
    rows = "".join(
        f'<tr><td class="num"><a href="#{anchor}-l{ln.line}">{ln.line}</a></td><td class="num">{percent(ln.chars.rate)}</td>'
        f'<td class="num">{ln.chars.edits}</td><td class="text">{escape(_plain(ln.reference))}</td></tr>'
        for ln in worst)
    return ('<h3>Worst lines</h3><table class="worst"><thead><tr><th class="num">line</th><th class="num">CER %</th>'
            f'<th class="num">edits</th><th>reference</th></tr></thead><tbody>{rows}</tbody></table>')


def _bar(rate: float) -> str:
    return f'<span class="bar" style="width:{min(60, round(60 * rate))}px"></span>' if rate else ""


def _score_rows(s: Score, anchor: str) -> str:
    rows = []
    for ln in s.lines:
        cls = "err" if ln.chars.edits else "clean"
        rows.append(f'<tr id="{anchor}-l{ln.line}" class="{cls}"><td class="ln num"><a href="#{anchor}-l{ln.line}">'
                    f'{ln.line}</a></td><td class="text">{_side(ln.pieces, "reference")}</td>'
                    f'<td class="text">{_side(ln.pieces, "hypothesis")}</td>'
                    f'<td class="num">{percent(ln.chars.rate)}{_bar(ln.chars.rate)}</td></tr>')
    return "".join(rows)


def score_report(reference_name: str, results: list[tuple[str, Score]], lines: int = 10, confusions: int = 10) -> str:
    """One section per hypothesis: figures, confusions, worst lines, the texts side by side."""
    sections = []
    if len(results) > 1:
        rows = "".join(
            f'<tr><td><a href="#doc{i}">{escape(name)}</a></td>{_cell("cer", s.cer, percent(s.cer))}'
            f'{_cell("wer", s.wer, percent(s.wer))}{_cell("char_substitutions", s.chars.substitutions, str(s.chars.substitutions))}'
            f'{_cell("char_deletions", s.chars.deletions, str(s.chars.deletions))}'
            f'{_cell("char_insertions", s.chars.insertions, str(s.chars.insertions))}</tr>'
            for i, (name, s) in enumerate(results, 1))
        sections.append('<section class="overview"><table class="summary"><thead><tr><th>hypothesis</th>'
                        '<th class="num">CER %</th><th class="num">WER %</th><th class="num">S</th>'
                        f'<th class="num">D</th><th class="num">I</th></tr></thead><tbody>{rows}</tbody></table></section>')
    for i, (name, s) in enumerate(results, 1):
        anchor = f"doc{i}"
        sections.append(
            f'<section class="document" id="{anchor}"><h2>{escape(name)}</h2>{_score_cards(s)}'
            f'<div class="panels"><div>{_confusion_table(s, confusions)}</div><div>{_worst(s, anchor, lines)}</div></div>'
            '<h3>Side by side</h3><table class="diff"><colgroup><col class="ln"><col><col><col class="rate"></colgroup>'
            f'<thead><tr><th class="num">line</th><th>reference: {escape(reference_name)}</th>'
            f'<th>hypothesis: {escape(name)}</th><th class="num">CER %</th></tr></thead>'
            f"<tbody>{_score_rows(s, anchor)}</tbody></table></section>")
    normalization = results[0][1].normalization.describe() if results else ""
    return _page("Transcription quality", f"reference {reference_name}; compared as {normalization}",
                 "\n".join(sections))


_EVAL_FIGURES = [
    ("cer_before", "CER % before", True), ("cer_after", "CER % after", True),
    ("improvement", "CER improvement %", True), ("wer_before", "WER % before", True),
    ("wer_after", "WER % after", True), ("fixed_share", "wrong words fixed %", True),
    ("broken_share", "right words broken %", True), ("documents_worse", "documents made worse", False),
]


def _eval_cards(figures: dict) -> str:
    cards = []
    for key, label, is_rate in _EVAL_FIGURES:
        if key not in figures:
            continue
        value = figures[key]
        tone = ""
        if key == "improvement" and value is not None:
            tone = "good" if value > 0 else "bad" if value < 0 else ""
        elif key in ("broken_share", "documents_worse") and value:
            tone = "bad"
        cards.append(_figure(key, label, value, percent(value) if is_rate else str(value), tone))
    return '<div class="cards">' + "".join(cards) + "</div>"


def _eval_rows(pair: PairResult, anchor: str) -> str:
    before = {ln.line: ln for ln in pair.before.lines}
    after = {ln.line: ln for ln in pair.after.lines}
    rows = []
    for number in sorted(set(before) | set(after)):
        b, a = before.get(number), after.get(number)
        gold = (b or a).reference  # both are aligned to the same gold line
        eb, ea = (b.chars.edits if b else 0), (a.chars.edits if a else 0)
        cls = "worse" if ea > eb else "better" if ea < eb else "err" if ea else "clean"
        rows.append(
            f'<tr id="{anchor}-l{number}" class="{cls}"><td class="ln num"><a href="#{anchor}-l{number}">{number}</a></td>'
            f'<td class="text">{escape(_plain(gold))}</td>'
            f'<td class="text">{_side(b.pieces, "hypothesis") if b else ""}</td>'
            f'<td class="text">{_side(a.pieces, "hypothesis") if a else ""}</td>'
            f'<td class="num">{percent(_rate(b))} → {percent(_rate(a))}</td></tr>')
    return "".join(rows)


def _rate(line: LineScore | None) -> float:
    return line.chars.rate if line else 0.0


def eval_report(evaluation: Evaluation, title: str = "Correction pass") -> str:
    """Summary of the pass, one row per document, then each document as gold | OCR | corrected."""
    sections = [f'<section class="overview">{_eval_cards(evaluation.figures())}']
    rows = []
    for i, pair in enumerate(evaluation.pairs, 1):
        figures = pair.figures()
        cells = "".join(_cell(k, figures[k], percent(figures[k])) for k in
                        ("cer_before", "cer_after", "improvement", "fixed_share", "broken_share"))
        mark = "worse" if pair.worse else ""
        rows.append(f'<tr class="{mark}"><td><a href="#doc{i}">{escape(pair.name)}</a></td>{cells}<td>{mark}</td></tr>')
    sections.append('<h3>Documents</h3><table class="documents"><thead><tr><th>document</th>'
                    '<th class="num">CER % before</th><th class="num">CER % after</th>'
                    '<th class="num">improvement %</th><th class="num">fixed %</th><th class="num">broken %</th>'
                    f"<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")
    for i, pair in enumerate(evaluation.pairs, 1):
        anchor = f"doc{i}"
        sections.append(
            f'<section class="document" id="{anchor}"><h2>{escape(pair.name)}</h2>{_eval_cards(pair.figures())}'
            '<p class="meta">Errors against the gold are highlighted in both the OCR and the corrected text; '
            "a red edge marks a line the pass made worse, a green edge one it made better.</p>"
            '<table class="diff"><colgroup><col class="ln"><col><col><col><col class="rate2"></colgroup>'
            '<thead><tr><th class="num">line</th><th>gold</th><th>OCR</th><th>corrected</th>'
            f'<th class="num">CER % before → after</th></tr></thead><tbody>{_eval_rows(pair, anchor)}</tbody>'
            "</table></section>")
    return _page(title, f"{len(evaluation.pairs)} document(s); compared as {evaluation.normalization.describe()}",
                 "\n".join(sections))
