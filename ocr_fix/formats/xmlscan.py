"""A small scanner that finds where each element sits in the raw text of an XML file.

lxml cannot say where in the input an attribute value or a text node lies, so for every element, in
document order, the scanner records the offsets of its start tag, of each attribute value and of its
direct text, and of its end tag (ocr_fix.formats.xmlsafe checks the scan against lxml's tree).
"""

from __future__ import annotations

import re
from array import array

from ocr_fix.errors import OcrFixError

_NAME_END = re.compile(r"[\s/>]")
_ATTR = re.compile(r"""\s*([^\s=/>]+)\s*=\s*(["'])""")


class Elem:
    """Where one element lies in the raw text (offsets into the decoded `str`): a view made on
    demand from the compact scan; its attributes are read from its start tag when asked for."""

    __slots__ = ("qname", "start", "start_end", "content_end", "end", "empty", "children", "_text", "_attrs", "_attrs_end")

    def __init__(self, text: str, qname: str, start: int, start_end: int, content_end: int, end: int, children: list[int]):
        self._text = text
        self.qname = qname
        self.start = start  # the '<' of the start tag
        self.start_end = start_end  # just after the start tag's '>'
        self.content_end = content_end  # the '<' of the end tag ( == start_end when empty)
        self.end = end  # just after the end tag's '>'
        self.empty = start_end == end and text[start_end - 2 : start_end] == "/>"  # written as <x/>
        self.children = children  # indexes of the child elements
        self._attrs: dict[str, tuple[int, int, str]] | None = None
        self._attrs_end = -1

    def _read_attrs(self) -> None:
        attrs, attrs_end, _, _ = _start_tag(self._text, self.start + 1 + len(self.qname))
        self._attrs, self._attrs_end = attrs, attrs_end

    @property
    def attrs(self) -> dict[str, tuple[int, int, str]]:
        """qname -> (value start, value end, quote character)."""
        if self._attrs is None:
            self._read_attrs()
        return self._attrs

    @property
    def attrs_end(self) -> int:
        """Just after the last attribute value's closing quote (where new attributes go)."""
        if self._attrs is None:
            self._read_attrs()
        return self._attrs_end

    @property
    def text_end(self) -> int:
        """End of the element's direct text: the first tag, comment or PI after the start tag."""
        if self.empty:
            return self.start_end
        i = self.start_end
        while True:
            i = self._text.find("<", i)
            if i < 0 or not self._text.startswith("<![CDATA[", i):
                return i if i >= 0 else self.content_end
            i = self._text.find("]]>", i) + 3

    @property
    def local(self) -> str:
        return self.qname.rsplit(":", 1)[-1]

    @property
    def prefix(self) -> str:
        return self.qname[: -len(self.local)]

    def attr(self, local: str) -> tuple[int, int, str] | None:
        """The value span of an attribute by local name (a prefixed `xlink:href` is found as `href`)."""
        attrs = self.attrs
        if local in attrs:
            return attrs[local]
        for name, span in attrs.items():
            if name.rsplit(":", 1)[-1] == local and not name.startswith("xmlns"):
                return span
        return None


class Scan:
    """The offsets of every element in document order, in flat arrays (a few dozen bytes an
    element, so that a large file can be written)."""

    __slots__ = ("qnames", "start", "start_end", "content_end", "end")

    def __init__(self) -> None:
        self.qnames: list[str] = []
        self.start = array("q")
        self.start_end = array("q")
        self.content_end = array("q")
        self.end = array("q")

    def __len__(self) -> int:
        return len(self.qnames)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _start_tag(text: str, j: int) -> tuple[dict[str, tuple[int, int, str]], int, int, bool]:
    """Read the attributes of a start tag from `j` (just after its name): (attributes, end of the
    last attribute, position after the tag's '>', whether it is written empty). Raises ValueError
    when the tag cannot be read."""
    attrs: dict[str, tuple[int, int, str]] = {}
    attrs_end = j
    n = len(text)
    while True:
        am = _ATTR.match(text, j)
        if not am:
            break
        q = am.group(2)
        vs = am.end()
        ve = text.find(q, vs)
        if ve < 0:
            raise ValueError("unclosed attribute value")
        attrs[am.group(1)] = (vs, ve, q)
        j = ve + 1
        attrs_end = j
    k = j
    while k < n and text[k] in " \t\r\n":
        k += 1
    if text.startswith("/>", k):
        return attrs, attrs_end, k + 2, True
    if text.startswith(">", k):
        return attrs, attrs_end, k + 1, False
    raise ValueError("cannot read the start tag")


def doctype_end(text: str, start: int) -> int | None:
    """Where the declaration `<!...` at `start` (a DOCTYPE, with an internal subset in [ ] and quoted
    literals that may hold `>` or `]`) ends: the offset after its `>`; None when it is not closed."""
    depth, quote = 0, ""
    for j in range(start + 2, len(text)):
        c = text[j]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return j + 1
    return None


def _markup_end(text: str, i: int, fail) -> int:
    """Where the comment, CDATA section, DOCTYPE or processing instruction at `i` ends."""
    if text.startswith("<?", i):
        j = text.find("?>", i + 2)
        if j < 0:
            raise fail("unclosed processing instruction", i)
        return j + 2
    if text.startswith("<!--", i):
        j = text.find("-->", i + 4)
        if j < 0:
            raise fail("unclosed comment", i)
        return j + 3
    if text.startswith("<![CDATA[", i):
        j = text.find("]]>", i + 9)
        if j < 0:
            raise fail("unclosed CDATA", i)
        return j + 3
    j = doctype_end(text, i)  # a DOCTYPE, possibly with an internal subset
    if j is None:
        raise fail("unclosed DOCTYPE", i)
    return j


def scan(text: str, path: str = "") -> Scan:
    """Every element's offsets, in document order. Raises OcrFixError on markup it cannot follow
    (lxml has accepted the document by then, so that means a scanner limit, not bad input)."""
    sc = Scan()
    qnames, starts, start_ends, content_ends, ends = sc.qnames, sc.start, sc.start_end, sc.content_end, sc.end
    interned: dict[str, str] = {}
    stack: list[int] = []
    i = 0

    def fail(msg: str, at: int) -> OcrFixError:
        return OcrFixError(f"cannot scan the XML: {msg}", path, line_of(text, at))

    while True:
        i = text.find("<", i)
        if i < 0:
            break
        nxt = text[i + 1 : i + 2]
        if nxt == "!" or nxt == "?":
            i = _markup_end(text, i, fail)
        elif nxt == "/":
            j = text.find(">", i)
            if j < 0 or not stack:
                raise fail("stray end tag", i)
            name = text[i + 2 : j].strip()
            idx = stack.pop()
            if name != qnames[idx]:
                raise fail(f"</{name}> closes <{qnames[idx]}>", i)
            content_ends[idx] = i
            ends[idx] = j + 1
            i = j + 1
        else:
            m = _NAME_END.search(text, i + 1)
            if not m:
                raise fail("unclosed start tag", i)
            qname = text[i + 1 : m.start()]
            qname = interned.setdefault(qname, qname)
            try:
                _, _, tag_end, empty = _start_tag(text, m.start())
            except ValueError as e:
                raise fail(f"{e} <{qname}>", i) from None
            idx = len(qnames)
            qnames.append(qname)
            starts.append(i)
            start_ends.append(tag_end)
            content_ends.append(tag_end)
            ends.append(tag_end)
            if not empty:
                stack.append(idx)
            i = tag_end
    if stack:
        raise fail(f"<{qnames[stack[-1]]}> is never closed", starts[stack[-1]])
    return sc
