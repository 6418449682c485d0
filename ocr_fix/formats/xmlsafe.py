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

import codecs
import re
from array import array

from lxml import etree

from ocr_fix.errors import OcrFixError

_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}
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


class _Elems:
    """`Parsed.elems`: element views by document-order index, made when asked for."""

    def __init__(self, parsed: "Parsed", sc: Scan):
        self._p = parsed
        self._s = sc
        self._cache: dict[int, Elem] = {}

    def __len__(self) -> int:
        return len(self._s)

    def __iter__(self):
        return (self[i] for i in range(len(self._s)))

    def __getitem__(self, idx: int) -> Elem:
        e = self._cache.get(idx)
        if e is None:
            sc = self._s
            node = self._p.nodes[idx]
            kids = [self._p.index_of(c) for c in node if isinstance(c.tag, str)]
            e = Elem(self._p.text, sc.qnames[idx], sc.start[idx], sc.start_end[idx], sc.content_end[idx], sc.end[idx], kids)
            self._cache[idx] = e
        return e


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
        self._elems: _Elems | None = None
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
    def elems(self) -> _Elems:
        """Every element's offsets, checked against lxml's `iter()` element by element."""
        if self._elems is None:
            sc = scan(self.text, self.path)
            nodes = self.nodes
            text, path = self.text, self.path
            if len(nodes) != len(sc):
                raise OcrFixError(f"cannot locate the XML elements exactly ({len(sc)} scanned, {len(nodes)} parsed)", path)
            for i, n in enumerate(nodes):
                q = sc.qnames[i]
                tag = n.tag
                if q[q.rfind(":") + 1 :] != tag[tag.rfind("}") + 1 :]:
                    raise OcrFixError(
                        f"cannot locate the XML elements exactly (<{q}> scanned where lxml has <{etree.QName(n).localname}>)",
                        path,
                        _line_of(text, sc.start[i]),
                    )
            self._elems = _Elems(self, sc)
        return self._elems

    def node(self, ref) -> etree._Element:
        """The element a layout refers to (by document-order index)."""
        return self.nodes[ref] if isinstance(ref, int) else ref

    def index_of(self, node) -> int:
        if isinstance(node, int):
            return node
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
        if "XML_PARSE_HUGE" in msg or "limit" in msg.lower():
            # libxml2's limits without huge_tree: a text node over 10 MB, nesting deeper than 256
            msg = msg.split(", try XML_PARSE_HUGE")[0].split(", use XML_PARSE_HUGE")[0].split(" try XML_PARSE_HUGE")[0]
            raise OcrFixError(f"refused: beyond the safe parser's limits ({msg})", path, e.lineno or None) from None
        raise OcrFixError(f"malformed XML: {msg}", path, e.lineno or None) from None
    if root is None:
        raise OcrFixError("no XML element found", path)
    for node in root.iter(etree.Entity):
        line = getattr(node, "sourceline", None)
        raise OcrFixError(f"undefined entity {node.text}", path, line)
    return Parsed(root, text, enc, raw, path)


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


def scan(text: str, path: str = "") -> Scan:
    """Every element's offsets, in document order. Raises OcrFixError on markup it cannot follow
    (lxml has accepted the document by then, so that means a scanner limit, not bad input)."""
    sc = Scan()
    qnames, starts, start_ends, content_ends, ends = sc.qnames, sc.start, sc.start_end, sc.content_end, sc.end
    interned: dict[str, str] = {}
    stack: list[int] = []
    i = 0

    def fail(msg: str, at: int) -> OcrFixError:
        return OcrFixError(f"cannot scan the XML: {msg}", path, _line_of(text, at))

    while True:
        i = text.find("<", i)
        if i < 0:
            break
        nxt = text[i + 1 : i + 2]
        if nxt == "!":
            if text.startswith("<!--", i):
                j = text.find("-->", i + 4)
                if j < 0:
                    raise fail("unclosed comment", i)
                i = j + 3
            elif text.startswith("<![CDATA[", i):
                j = text.find("]]>", i + 9)
                if j < 0:
                    raise fail("unclosed CDATA", i)
                i = j + 3
            else:  # DOCTYPE, possibly with an internal subset
                j = doctype_end(text, i)
                if j is None:
                    raise fail("unclosed DOCTYPE", i)
                i = j
        elif nxt == "?":
            j = text.find("?>", i + 2)
            if j < 0:
                raise fail("unclosed processing instruction", i)
            i = j + 2
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
