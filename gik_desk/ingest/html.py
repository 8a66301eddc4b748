"""HTML pages: our own decoding, lxml on the decoded str, selectolax past lxml's depth limit.

lxml silently drops everything nested deeper than 256 levels, so its error log is checked for
ERR_RESOURCE_LIMIT and the page re-parsed with selectolax (ECOSYSTEM.md row 2). Both parsers
feed one small tree, walked without recursion, so a 10 000-deep page cannot exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from gik_desk.ingest.builder import TextBuilder, collapse
from gik_desk.ingest.dates import find_published
from gik_desk.ingest.decode import decode_bytes
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.grid import SrcCell, place_flow
from gik_desk.ingest.limits import Limits
from gik_desk.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "object",
        "svg",
        "select",
        "button",
        "math",
        "canvas",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "pre",
        "blockquote",
        "form",
        "address",
        "center",
        "hr",
        "tr",
        "td",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "figure",
        "figcaption",
        "fieldset",
        "body",
        "html",
    }
)
_DATE_METAS = frozenset(
    {
        "pubdate",
        "publishdate",
        "firstpublishedtime",
        "articlepubdate",
        "publishtime",
        "dc.date",
        "dcterms.issued",
        "article:published_time",
        "dc.date.issued",
    }
)


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace") if m else None
    dec = decode_bytes(data, declared)
    text = _XML_DECL.sub("", dec.text, count=1)
    root, parser_used = _parse(text, limits)
    builder = TextBuilder()
    meta: dict[str, object] = {"parser": parser_used}
    if declared:
        meta["declared_charset"] = declared
    _walk(root, builder, limits, meta)
    out = builder.text()
    if not out.strip():
        raise ingest_error("empty-file", "page without visible text")
    published = meta.get("published_meta") or find_published(out)
    meta.pop("published_meta", None)
    if published:
        meta["published"] = published
    return Document(
        source=str(path),
        kind="html",
        text=out,
        sha256=sha256,
        encoding=dec.encoding,
        tables=tuple(builder.tables),
        meta=meta,
        warnings=dec.warnings,
    )


def _parse(text: str, limits: Limits) -> tuple[Node, str]:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ingest_error("empty-file", f"lxml: {exc}") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        if _nesting_at_least(text, limits.max_html_depth + 1):
            raise ingest_error("html-too-deep", f"nesting deeper than {limits.max_html_depth}")
        return _from_selectolax(text, limits), "selectolax"
    return _from_lxml(doc), "lxml"


def _from_lxml(root: etree._Element) -> Node:
    top = Node(str(root.tag).lower(), dict(root.attrib))
    stack: list[tuple[etree._Element, Node]] = [(root, top)]
    while stack:
        el, node = stack.pop()
        if el.text:
            node.children.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                sub = Node(child.tag.lower(), dict(child.attrib.items()))
                node.children.append(sub)
                stack.append((child, sub))
            if child.tail:
                node.children.append(child.tail)
    return top


# Elements a page may leave open (the parser closes them) or that hold nothing: not counted
_NO_DEPTH = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")


def _nesting_at_least(text: str, limit: int) -> bool:
    """Whether elements that must be closed are nested ``limit`` deep, by one linear scan of
    the tags. selectolax takes minutes on a page nested 100,000 deep (its cost grows faster
    than the square of the depth), so such a page is refused before it is parsed; elements a
    page may leave open (p, li, td…) are not counted, so a sloppy page is never refused."""
    depth = 0
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if name in _NO_DEPTH or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth >= limit:
                return True
    return False


def _from_selectolax(text: str, limits: Limits) -> Node:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    start = tree.root
    top = Node("html", {})
    if start is None:
        return top
    stack = [(start, top, 0)]
    while stack:
        sel, node, depth = stack.pop()
        if depth > limits.max_html_depth:
            raise ingest_error("html-too-deep", f"nesting deeper than {limits.max_html_depth}")
        child = sel.child
        while child is not None:
            if child.is_text_node:
                node.children.append(child.text_content or "")
            elif child.is_element_node:
                sub = Node(
                    (child.tag or "").lower(), {k: v or "" for k, v in child.attributes.items()}
                )
                node.children.append(sub)
                stack.append((child, sub, depth + 1))
            child = child.next
    return top


def _walk(root: Node, out: TextBuilder, limits: Limits, meta: dict[str, object]) -> None:
    """Blocks become lines, data tables become row lines; iterative to survive deep nesting."""
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.line(collapse("".join(buf)))
            buf.clear()

    stack: list[Node | str | None] = [root]  # None marks the end of a block
    while stack:
        item = stack.pop()
        if item is None:
            flush()
            continue
        if isinstance(item, str):
            buf.append(item)
            continue
        tag = item.tag
        if tag == "meta":
            _read_meta(item, meta)
            continue
        if tag == "title" and "title" not in meta:
            meta["title"] = collapse(_text_of(item))
        if tag in _SKIP:
            if tag == "head":
                stack.extend(c for c in reversed(item.children) if isinstance(c, Node))
            continue
        if tag == "br":
            flush()
            continue
        if tag == "table" and not _has_table_inside(item):
            flush()
            _table(item, out, limits)
            continue
        if tag in _BLOCK:
            flush()
            stack.append(None)
        stack.extend(reversed(item.children))
    flush()


def _read_meta(node: Node, meta: dict[str, object]) -> None:
    name = (node.attrs.get("name") or node.attrs.get("property") or "").strip().lower()
    content = node.attrs.get("content", "")
    if name in _DATE_METAS and "published_meta" not in meta:
        found = find_published(content, bare=True)
        if found:
            meta["published_meta"] = found
    elif name in ("articletitle", "title") and content:
        meta.setdefault("title", collapse(content))


def _has_table_inside(table: Node) -> bool:
    stack = list(table.children)
    while stack:
        n = stack.pop()
        if isinstance(n, Node):
            if n.tag == "table":
                return True
            stack.extend(n.children)
    return False


def _text_of(node: Node) -> str:
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            parts.append(n)
        elif n.tag in ("br", "p", "div", "li"):
            parts.append(" ")
            stack.extend(reversed(n.children))
        elif n.tag not in _SKIP or n is node:
            stack.extend(reversed(n.children))
    return "".join(parts)


def _span_attr(value: str | None, default: int = 1) -> int:
    if value is None:
        return default
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return default
    digits = m.group(1)
    return 10**9 if len(digits) > 9 else int(digits)


def _rows_of(table: Node) -> list[Node]:
    rows: list[Node] = []
    for child in table.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child.children if isinstance(c, Node) and c.tag == "tr")
    return rows


def _table(table: Node, out: TextBuilder, limits: Limits) -> None:
    for child in table.children:
        if isinstance(child, Node) and child.tag == "caption":
            out.line(collapse(_text_of(child)))
    rows: list[list[SrcCell]] = []
    for tr in _rows_of(table):
        cells = []
        for td in tr.children:
            if isinstance(td, Node) and td.tag in ("td", "th"):
                colspan = _span_attr(td.attrs.get("colspan"))
                rowspan = _span_attr(td.attrs.get("rowspan"))
                cells.append(SrcCell(collapse(_text_of(td)), rowspan, max(colspan, 1)))
        rows.append(cells)
    if any(rows):
        out.table(place_flow(rows, limits))
