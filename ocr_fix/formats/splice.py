"""Turning a plan of word changes into a new file: splices of the raw text, nothing re-serialised.

`Splicer` collects (start, end, new) replacements on the decoded input and applies them at once;
every byte outside them stays as it was. Helpers: replace an attribute value (escaped for its own
quote character), replace an element's direct text, remove an element with the whitespace before
it, render a copy of an element with some of its parts changed (for a word split in two), and make
unique ids for the copies.
"""

from __future__ import annotations

import re

from ocr_fix.formats import xmlsafe
from ocr_fix.formats.xmlsafe import Parsed

_WS = " \t\r\n"


class Splicer:
    def __init__(self, parsed: Parsed):
        self.p = parsed
        self.splices: list[tuple[int, int, str]] = []
        self.removed: set[int] = set()
        self._ids: set[str] | None = None

    # -- primitives -------------------------------------------------------------------------
    def add(self, s: int, e: int, new: str) -> None:
        self.splices.append((s, e, new))

    def attr_splice(self, idx: int, local: str, value: str) -> tuple[int, int, str] | None:
        """The splice that sets attribute `local` of element `idx` (added after the last attribute
        when the element has none)."""
        el = self.p.elems[idx]
        span = el.attr(local)
        if span is None:
            return (el.attrs_end, el.attrs_end, f' {local}="{xmlsafe.escape_attr(value)}"')
        vs, ve, q = span
        return (vs, ve, xmlsafe.escape_attr(value, q))

    def set_attr(self, idx: int, local: str, value: str) -> None:
        sp = self.attr_splice(idx, local, value)
        if sp is not None:
            self.add(*sp)

    def set_text(self, idx: int, value: str) -> None:
        """Replace the direct text of element `idx` (an element with no element children)."""
        el = self.p.elems[idx]
        if el.empty:
            self.add(el.attrs_end, el.start_end, f">{xmlsafe.escape_text(value)}</{el.qname}>")
        else:
            self.add(el.start_end, el.content_end, xmlsafe.escape_text(value))

    def ws_before(self, idx: int) -> int:
        el = self.p.elems[idx]
        k = el.start
        while k > 0 and self.p.text[k - 1] in _WS:
            k -= 1
        return k

    def remove(self, idx: int, with_space: bool = True) -> None:
        if idx in self.removed:
            return
        self.removed.add(idx)
        el = self.p.elems[idx]
        self.add(self.ws_before(idx) if with_space else el.start, el.end, "")

    # -- copies -----------------------------------------------------------------------------
    def render(self, idx: int, local_splices: list[tuple[int, int, str]]) -> str:
        """The raw text of element `idx` with `local_splices` (absolute offsets inside it) applied."""
        el = self.p.elems[idx]
        return xmlsafe.splice(self.p.text[el.start : el.end], [(s - el.start, e - el.start, n) for s, e, n in local_splices])

    def render_empty(self, idx: int, local_splices: list[tuple[int, int, str]]) -> str:
        """A copy of element `idx` without content: its start tag (with splices) closed with `/>`."""
        el = self.p.elems[idx]
        head = xmlsafe.splice(self.p.text[el.start : el.attrs_end], [(s - el.start, e - el.start, n) for s, e, n in local_splices if e <= el.attrs_end])
        tail_ins = "".join(n for s, e, n in local_splices if s == e == el.attrs_end)
        return head + tail_ins + "/>"

    def ids(self) -> set[str]:
        if self._ids is None:
            self._ids = set()
            for n in self.p.nodes:
                for k, v in n.attrib.items():
                    if k.rsplit("}", 1)[-1].lower() == "id":
                        self._ids.add(v)
        return self._ids

    def new_id(self, base: str | None, k: int) -> str:
        base = base or "w"
        cand = f"{base}_{k}"
        ids = self.ids()
        n = 0
        while cand in ids:
            n += 1
            cand = f"{base}_{k}{'abcdefghijklmnopqrstuvwxyz'[(n - 1) % 26]}{(n - 1) // 26 or ''}"
        ids.add(cand)
        return cand

    def leading_ws(self, idx: int) -> str:
        """The whitespace written before element `idx` (to indent a copy like it)."""
        el = self.p.elems[idx]
        s = self.ws_before(idx)
        return self.p.text[s : el.start]

    def result(self) -> bytes:
        text = xmlsafe.splice(self.p.text, self.splices)
        return text.encode(self.p.encoding)


def fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


_BBOX = re.compile(r"bbox\s+-?\d+\s+-?\d+\s+-?\d+\s+-?\d+")


def replace_bbox(title_raw: str, box) -> str:
    new = "bbox " + " ".join(fmt_num(v) for v in box)
    if _BBOX.search(title_raw):
        return _BBOX.sub(new, title_raw, count=1)
    return (title_raw + "; " if title_raw.strip() else "") + new
