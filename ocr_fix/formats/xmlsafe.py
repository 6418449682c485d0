"""Safe XML parsing, checked against a small scanner (ocr_fix.formats.xmlscan) that finds where each
element sits in the raw text.

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

from lxml import etree

from ocr_fix.errors import OcrFixError
from ocr_fix.formats.xmlscan import Elem, Scan, line_of, scan

_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}


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
                        line_of(text, sc.start[i]),
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
        raise OcrFixError("the DOCTYPE declares entities (<!ENTITY>); refused for safety", path, line_of(text, m.start()))


def refuse_entity_refs(text: str, path: str) -> None:
    """Entities are never resolved (no DTD is loaded), so a named entity other than the five XML
    predefines (`&nbsp;` from an HTML DTD, say) would be read as nothing: refused instead."""
    for m in _ENTITY_REF.finditer(text):
        if m.group(1) not in _PREDEFINED:
            raise OcrFixError(f"entity &{m.group(1)}; is not resolved (no DTD is loaded); write the character itself", path, line_of(text, m.start()))


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
