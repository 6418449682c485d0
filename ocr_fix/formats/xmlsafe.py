"""Safe XML parsing, and a small scanner that finds where each element sits in the raw text.

lxml gives the structure and the values; it cannot say where in the input an attribute value or a
text node lies, and re-serialising with it changes bytes (quoting, attribute order, whitespace).
So the raw text is scanned here as well: for every element, in document order, the scanner records
the offsets of its start tag, of each attribute value and of its direct text, and of its end tag.
`parse` checks that the scan and lxml's `iter()` agree element by element (same local names), so
the writers can splice the raw text knowing exactly which element each offset belongs to.

Parsing is safe: no network, no DTD loaded, entities never resolved, no huge trees; a DOCTYPE that
declares entities (the "billion laughs" shape) is refused before lxml sees the file. Offsets are in
the decoded text (a `str`); the writers splice that text and encode it again with the same codec,
which gives back the input bytes exactly wherever nothing was changed (checked once when reading).
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from ocr_fix.errors import OcrFixError

_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}
_NAME_END = re.compile(r"[\s/>]")
_ATTR = re.compile(r"""\s*([^\s=/>]+)\s*=\s*(["'])""")


@dataclass(slots=True)
class Elem:
    """Where one element lies in the raw text (offsets into the decoded `str`)."""

    qname: str
    start: int  # the '<' of the start tag
    start_end: int  # just after the start tag's '>'
    attrs_end: int  # just after the last attribute value's closing quote (where new attributes go)
    empty: bool  # written as <x/>
    attrs: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # qname -> (value start, value end, quote)
    content_end: int = -1  # the '<' of the end tag ( == start_end when empty)
    end: int = -1  # just after the end tag's '>'
    text_end: int = -1  # end of the element's direct text (the first markup after the start tag)
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.qname.rsplit(":", 1)[-1]

    @property
    def prefix(self) -> str:
        return self.qname[: -len(self.local)]

    def attr(self, local: str) -> tuple[int, int, str] | None:
        """The value span of an attribute by local name (a prefixed `xlink:href` is found as `href`)."""
        if local in self.attrs:
            return self.attrs[local]
        for name, span in self.attrs.items():
            if name.rsplit(":", 1)[-1] == local and not name.startswith("xmlns"):
                return span
        return None


class Parsed:
    """A parsed document: lxml's tree now; the scan of the raw text (element offsets), lxml's
    elements in the same order and the exactness check only when a writer asks for them, so that
    reading a large file costs no more than lxml's tree."""

    def __init__(self, root: etree._Element, text: str, encoding: str, raw: bytes, path: str):
        self.root = root
        self.text = text  # the decoded input
        self.encoding = encoding  # the codec that decodes and re-encodes it
        self.path = path
        self._raw = raw
        self._elems: list[Elem] | None = None
        self._nodes: list[etree._Element] | None = None
        self._index: dict | None = None
        self._exact: bool | None = None

    @property
    def exact(self) -> bool:
        """text.encode(encoding) == the input bytes."""
        if self._exact is None:
            try:
                self._exact = self.text.encode(self.encoding) == self._raw
            except (UnicodeEncodeError, LookupError):
                self._exact = False
        return self._exact

    @property
    def nodes(self) -> list[etree._Element]:
        if self._nodes is None:
            self._nodes = list(self.root.iter(etree.Element))
        return self._nodes

    @property
    def elems(self) -> list[Elem]:
        """Every element's offsets, checked against lxml's `iter()` element by element."""
        if self._elems is None:
            elems = scan(self.text, self.path)
            nodes = self.nodes
            text, path = self.text, self.path
            if len(nodes) != len(elems):
                raise OcrFixError(f"cannot locate the XML elements exactly ({len(elems)} scanned, {len(nodes)} parsed)", path)
            for e, n in zip(elems, nodes):
                if e.local != etree.QName(n).localname:
                    raise OcrFixError(
                        f"cannot locate the XML elements exactly (<{e.qname}> scanned where lxml has <{etree.QName(n).localname}>)",
                        path,
                        _line_of(text, e.start),
                    )
            self._elems = elems
        return self._elems

    def index_of(self, node: etree._Element) -> int:
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.nodes)}
        return self._index[node]


def declared_encoding(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    m = _DECL_ENCODING.match(raw[:200])
    if m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            return m.group(1).decode("ascii")
    return "utf-8"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def decode(raw: bytes, path: str) -> tuple[str, str]:
    enc = declared_encoding(raw)
    try:
        return raw.decode(enc), enc
    except (UnicodeDecodeError, LookupError) as e:
        line = None
        if isinstance(e, UnicodeDecodeError):
            line = raw.count(b"\n", 0, e.start) + 1
        raise OcrFixError(f"cannot decode the XML as {enc}: {e.reason if hasattr(e, 'reason') else e}", path, line) from None


def refuse_entities(text: str, path: str) -> None:
    """A DOCTYPE that declares entities is refused: no OCR format needs one, and it is the shape of
    the entity-expansion attacks (billion laughs, external entities)."""
    d = text.find("<!DOCTYPE")
    if d < 0:
        d = text.upper().find("<!DOCTYPE")
    if d < 0:
        return
    m = _ENTITY_DECL.search(text, d)
    if m:
        raise OcrFixError("the DOCTYPE declares entities (<!ENTITY>); refused for safety", path, _line_of(text, m.start()))


def refuse_entity_refs(text: str, path: str) -> None:
    """Entities are never resolved (no DTD is loaded), so a named entity other than the five XML
    predefines (`&nbsp;` from an HTML DTD, say) would be read as nothing: refused instead."""
    for m in _ENTITY_REF.finditer(text):
        if m.group(1) not in _PREDEFINED:
            raise OcrFixError(f"entity &{m.group(1)}; is not resolved (no DTD is loaded); write the character itself", path, _line_of(text, m.start()))


def make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=True,
    )


def parse(raw: bytes, path: str) -> Parsed:
    """Parse `raw` safely and scan it; a one-line OcrFixError (file and line) when it is not good XML."""
    text, enc = decode(raw, path)
    refuse_entities(text, path)
    refuse_entity_refs(text, path)
    try:
        root = etree.fromstring(raw, make_parser())
    except etree.XMLSyntaxError as e:
        msg = (e.msg or str(e)).splitlines()[0] if (e.msg or str(e)) else "malformed XML"
        raise OcrFixError(f"malformed XML: {msg}", path, e.lineno or None) from None
    if root is None:
        raise OcrFixError("no XML element found", path)
    for node in root.iter(etree.Entity):
        line = getattr(node, "sourceline", None)
        raise OcrFixError(f"undefined entity {node.text}", path, line)
    return Parsed(root, text, enc, raw, path)


def scan(text: str, path: str = "") -> list[Elem]:
    """Every element's offsets, in document order. Raises OcrFixError on markup it cannot follow
    (lxml has accepted the document by then, so that means a scanner limit, not bad input)."""
    elems: list[Elem] = []
    stack: list[int] = []
    markup_starts: list[int] = []  # where direct text ends: any tag, comment or PI (not CDATA)
    i = 0
    n = len(text)

    def fail(msg: str, at: int) -> OcrFixError:
        return OcrFixError(f"cannot scan the XML: {msg}", path, _line_of(text, at))

    while True:
        i = text.find("<", i)
        if i < 0:
            break
        if text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            if j < 0:
                raise fail("unclosed comment", i)
            markup_starts.append(i)
            i = j + 3
        elif text.startswith("<![CDATA[", i):
            j = text.find("]]>", i + 9)
            if j < 0:
                raise fail("unclosed CDATA", i)
            i = j + 3
        elif text.startswith("<?", i):
            j = text.find("?>", i + 2)
            if j < 0:
                raise fail("unclosed processing instruction", i)
            markup_starts.append(i)
            i = j + 2
        elif text.startswith("<!", i):  # DOCTYPE, possibly with an internal subset
            j = i + 2
            depth = 0
            quote = ""
            while j < n:
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
                    break
                j += 1
            if j >= n:
                raise fail("unclosed DOCTYPE", i)
            markup_starts.append(i)
            i = j + 1
        elif text.startswith("</", i):
            j = text.find(">", i)
            if j < 0 or not stack:
                raise fail("stray end tag", i)
            name = text[i + 2 : j].strip()
            e = elems[stack.pop()]
            if name != e.qname:
                raise fail(f"</{name}> closes <{e.qname}>", i)
            e.content_end = i
            e.end = j + 1
            markup_starts.append(i)
            i = j + 1
        else:
            m = _NAME_END.search(text, i + 1)
            if not m:
                raise fail("unclosed start tag", i)
            qname = text[i + 1 : m.start()]
            e = Elem(qname=qname, start=i, start_end=-1, attrs_end=m.start(), empty=False)
            j = m.start()
            while True:
                am = _ATTR.match(text, j)
                if not am:
                    break
                q = am.group(2)
                vs = am.end()
                ve = text.find(q, vs)
                if ve < 0:
                    raise fail("unclosed attribute value", i)
                e.attrs[am.group(1)] = (vs, ve, q)
                j = ve + 1
                e.attrs_end = j
            k = j
            while k < n and text[k] in " \t\r\n":
                k += 1
            if text.startswith("/>", k):
                e.empty = True
                e.start_end = k + 2
            elif text.startswith(">", k):
                e.start_end = k + 1
            else:
                raise fail(f"cannot read the start tag <{qname}>", i)
            idx = len(elems)
            if stack:
                e.parent = stack[-1]
                elems[stack[-1]].children.append(idx)
            elems.append(e)
            markup_starts.append(i)
            if e.empty:
                e.content_end = e.start_end
                e.end = e.start_end
                e.text_end = e.start_end
            else:
                stack.append(idx)
            i = e.start_end
    if stack:
        raise fail(f"<{elems[stack[-1]].qname}> is never closed", elems[stack[-1]].start)
    for e in elems:
        if not e.empty:
            k = bisect.bisect_left(markup_starts, e.start_end)
            e.text_end = markup_starts[k] if k < len(markup_starts) else e.content_end
    return elems


def tail_end(parsed: Parsed, idx: int) -> int:
    """End of the text that follows element `idx` (its tail)."""
    e = parsed.elems[idx]
    m = parsed.text.find("<", e.end)
    while m >= 0 and parsed.text.startswith("<![CDATA[", m):
        m = parsed.text.find("<", parsed.text.find("]]>", m) + 3)
    return m if m >= 0 else len(parsed.text)


def escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(s: str, quote: str = '"') -> str:
    s = escape_text(s).replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return s.replace('"', "&quot;") if quote == '"' else s.replace("'", "&apos;")


def local(node: etree._Element) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]


def namespace(node: etree._Element) -> str:
    return etree.QName(node).namespace or ""


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, new) replacements to `text`; insertions at one point keep
    their given order."""
    out = []
    pos = 0
    for s, e, new in sorted(edits, key=lambda t: (t[0], t[1])):
        if s < pos:
            raise ValueError(f"overlapping splices at {s}")
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return "".join(out)
