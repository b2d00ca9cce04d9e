"""HTML page → title, publication date and article body.

The body comes from trafilatura (precision first, no comments, no tables) run on a tree from
which navigation, sidebars, footers, related-news blocks, scripts and styles were removed
(configs/chrome_lines.yaml `html:`). When trafilatura finds nothing or fails, a plain lxml
extraction over the same cleaned tree takes the block with the most paragraph text.
Broken markup never raises: lxml repairs it, and an unparsable page yields an empty body.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.extract.dates import date_units

if TYPE_CHECKING:
    import lxml.html

# lxml and trafilatura (0.2 s to import) are imported by the functions that parse a page: a run
# or an `explain` of text files never loads them.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)   # it logs every short page

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:html|head|body|div|p|br|article|meta|title)[\s>/]", re.I)
_FRAGMENT_TAGS = re.compile(
    r"</?(?:p|br|div|span|a|article|section|h[1-6]|li|ul|ol|table|strong|em|b|i|img|figure)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_DATE = re.compile(rf"(\d{{4}})\s*[-./{re.escape(date_units().year)}]\s*"
                   rf"(\d{{1,2}})\s*[-./{re.escape(date_units().month)}]\s*"
                   r"(\d{1,2})|(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_JSONLD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"')
_ABSOLUTE_URL = re.compile(r"https?://[^\s]+\Z", re.I)

_BLOCK_TAGS = frozenset(
    "address article blockquote dd details dialog div dl dt fieldset figcaption figure h1 h2 h3 h4 "
    "h5 h6 header hr li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_PROTECTED_TAGS = frozenset({"html", "body", "article", "main"})
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "caption", "span", "p", "div", "em", "a")
_MAX_HEADING_CHARS = 24


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None
    body: str
    published: dt.date | None
    method: str   # "trafilatura", "fallback" or "empty"
    url: str | None = None   # <link rel="canonical">, else og:url


@dataclass(frozen=True, slots=True)
class _Chrome:
    drop_tags: tuple[str, ...]
    class_prefixes: tuple[str, ...]
    class_tokens: frozenset[str]
    related_headings: tuple[str, ...]


@lru_cache(maxsize=None)
def _chrome(config_file: str) -> _Chrome:
    from pipeline.korean.textnorm import chrome_config  # the file's schema; read once for both stages

    data = chrome_config(config_file).html
    return _Chrome(
        drop_tags=tuple(data.drop_tags),
        class_prefixes=tuple(w.lower() for w in data.class_prefixes),
        class_tokens=frozenset(w.lower() for w in data.class_tokens),
        related_headings=tuple("".join(w.split()) for w in data.related_headings),
    )


def looks_like_html(text: str) -> bool:
    """A whole HTML document (for files whose extension does not say so)."""
    head = text[:4096]
    return bool(_HTML_START.search(head)) or len(_HTML_TAGS.findall(head)) >= 3 and "<body" in head.lower()


def looks_like_html_fragment(text: str) -> bool:
    """Markup inside a field (a JSON body): at least two block or inline tags."""
    return len(_FRAGMENT_TAGS.findall(text[:20000])) >= 2


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (<meta charset> or http-equiv)."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "replace") if match else None


def parse_date(value: str) -> dt.date | None:
    """First calendar date in `value`: 2024-03-05T09:12+09:00, 2024.3.5, 2024년 3월 5일, 20240305."""
    for match in _DATE.finditer(value or ""):
        year, month, day = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    import lxml.etree
    import lxml.html

    html = _XML_DECLARATION.sub("", html, count=1)   # lxml refuses str input with an encoding declaration
    if not html.strip():
        return None
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
        return lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError, lxml.etree.XMLSyntaxError):
        return None


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _meta(tree, names: tuple[str, ...]) -> list[str]:
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in names and (meta.get("content") or "").strip():
            found.append(meta.get("content").strip())
    return found


def _json_string(escaped: str) -> str:
    try:
        return json.loads(f'"{escaped}"')
    except ValueError:
        return escaped


def _title(tree, meta: dict) -> str | None:
    candidates = _meta(tree, tuple(n.lower() for n in meta.get("title_meta") or ("og:title",)))
    for h1 in tree.iter("h1"):
        candidates.append(_text(h1))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            candidates += [_json_string(m) for m in _JSONLD_HEADLINE.findall(script.text or "")]
    title_element = tree.find(".//title")
    if title_element is not None:
        title = _text(title_element)
        site_names = _meta(tree, ("og:site_name", "application-name"))
        for site in site_names:
            for separator in (" - ", " | ", " :: ", " : ", " — ", " < "):
                if title.endswith(separator + site):
                    title = title[: -len(separator + site)]
        candidates.append(title)
    for candidate in candidates:
        candidate = " ".join(candidate.split())
        if candidate:
            return candidate
    return None


def _url(tree, meta: dict) -> str | None:
    """The page's own address: its canonical link, else the first of the `url_meta` names (og:url)."""
    candidates = [link.get("href") or "" for link in tree.iter("link")
                  if "canonical" in (link.get("rel") or "").lower().split()]
    candidates += _meta(tree, tuple(n.lower() for n in meta.get("url_meta") or ("og:url",)))
    for candidate in candidates:
        candidate = candidate.strip()
        if _ABSOLUTE_URL.match(candidate):
            return candidate
    return None


def _published(tree, meta: dict) -> dt.date | None:
    values = _meta(tree, tuple(n.lower() for n in meta.get("date_meta") or ("article:published_time",)))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            values += _JSONLD_DATE.findall(script.text or "")
    for element in tree.iter("time"):
        if element.get("datetime"):
            values.append(element.get("datetime"))
    for value in values:
        date = parse_date(value)
        if date:
            return date
    return None


def _class_words(element) -> list[str]:
    raw = f"{element.get('class') or ''} {element.get('id') or ''}"
    if not raw.strip():
        return []
    return [w for w in _CLASS_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if w]


def _is_chrome_by_class(element, chrome: _Chrome) -> bool:
    for word in _class_words(element):
        if word in chrome.class_tokens or word.startswith(chrome.class_prefixes):
            return True
    return False


def _link_density(element) -> float:
    total = len("".join(element.itertext()).strip())
    if not total:
        return 1.0
    linked = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return linked / total


class _Guard:
    """Elements that must survive cleaning: the article and everything around it.

    The article is the marked-up one (<article>, <main>, itemprop=articleBody) or else the
    block with the most paragraph text, found before any cleaning; its ancestors stay too,
    so a wrapper named e.g. "has-sidebar" cannot take the article with it.
    """

    def __init__(self, tree):
        main = _best_container(tree)
        self.keep = {main, *main.iterancestors()}

    def protects(self, element) -> bool:
        if element.tag in _PROTECTED_TAGS or element in self.keep:
            return True
        if element.find(".//article") is not None or element.find(".//main") is not None:
            return True
        return bool(element.xpath(".//*[@itemprop='articleBody']"))


def _drop(element) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()   # keeps the tail text (it belongs to the parent)


def _is_related_heading(element, chrome: _Chrome) -> bool:
    text = "".join("".join(element.itertext()).split())
    if not text or len(text) > _MAX_HEADING_CHARS:
        return False
    text = text.lstrip("▶▷■□◆◇○●★☆#-·[")
    return text.startswith(chrome.related_headings)


def _drop_related_blocks(tree, chrome: _Chrome, guard: _Guard) -> None:
    """Remove a related-news list: the link-dense block under a heading like 관련기사."""
    headings = [el for el in tree.iter(*_HEADING_TAGS) if _is_related_heading(el, chrome)]
    for heading in headings:
        if heading.getparent() is None or not _attached(heading):
            continue
        block = heading.getparent()
        while block is not None and not guard.protects(block):
            if _link_density(block) >= 0.5 and len(list(block.iter("a"))) >= 1:
                break
            block = block.getparent()
        if block is not None and not guard.protects(block):
            _drop(block)
            continue
        # The heading sits directly in the article: drop it and the link list after it.
        following = heading.getnext()
        if following is not None and following.tag in {"ul", "ol", "div", "dl"} and _link_density(following) >= 0.5:
            _drop(following)
        _drop(heading)


def _attached(element) -> bool:
    while element is not None:
        if element.tag == "html":
            return True
        element = element.getparent()
    return False


def clean_tree(tree, chrome_file: str) -> None:
    """Remove page chrome from `tree` in place."""
    import lxml.etree

    chrome = _chrome(chrome_file)
    guard = _Guard(tree)
    for element in list(tree.iter(*chrome.drop_tags)) if chrome.drop_tags else ():
        if _attached(element) and not guard.protects(element):
            _drop(element)
    for element in list(tree.iter(lxml.etree.Element)):
        if _attached(element) and _is_chrome_by_class(element, chrome) and not guard.protects(element):
            _drop(element)
    _drop_related_blocks(tree, chrome, guard)


def _block_lines(element) -> list[str]:
    """Text of `element` with a line break around block elements and at <br>."""
    parts: list[str] = []
    # Iterative walk (broken pages can nest thousands deep): a node is visited on the way in
    # (its text) and, through an ("end", node, tail) marker, on the way out (closing break, tail).
    stack: list = [("end", element, None), element]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            _, node, tail = item
            if (node.tag if isinstance(node.tag, str) else "") in _BLOCK_TAGS:
                parts.append("\n")
            if tail:
                parts.append(tail)
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if tag == "br" or tag in _BLOCK_TAGS:
            parts.append("\n")
        if item.text and tag != "br":
            parts.append(item.text)
        for child in reversed(item):
            stack.append(("end", child, child.tail))
            stack.append(child)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _best_container(tree):
    """The element whose child paragraphs carry the most text (readability-style)."""
    for xpath in (".//*[@itemprop='articleBody']", ".//article", ".//main"):
        found = tree.xpath(xpath)
        if found and len(_text(found[0])) >= 40:
            return found[0]
    scores: dict = {}
    for paragraph in tree.iter("p", "div", "td", "pre"):
        own = " ".join(t for t in [paragraph.text or ""] + [c.tail or "" for c in paragraph] if t).strip()
        if len(own) < 20:
            continue
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(own)
        scores[paragraph] = scores.get(paragraph, 0) + len(own) // 2
    if scores:
        return max(scores, key=scores.get)
    body = tree.find("body")
    return body if body is not None else tree


def _fallback_body(tree) -> str:
    return "\n".join(_block_lines(_best_container(tree)))


def _trafilatura_body(tree) -> str:
    import trafilatura

    try:
        body = trafilatura.extract(tree, include_comments=False, include_tables=False,
                                   favor_precision=True, include_images=False, include_links=False,
                                   deduplicate=False)
    except Exception:   # trafilatura on odd markup: the fallback takes over
        return ""
    if not body:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in body.split("\n"))
    return "\n".join(line for line in lines if line)


def _without_title(body: str, title: str | None) -> str:
    if title:
        first, _, rest = body.partition("\n")
        if " ".join(first.split()) == title:
            return rest.lstrip("\n")
    return body


def extract_page(html: str, *, chrome_file: str = "chrome_lines.yaml", meta: dict | None = None) -> Page:
    """Title, publication date and body text of an HTML page (never raises on bad markup)."""
    meta = meta or {}
    tree = _parse(html)
    if tree is None:
        return Page(None, "", None, "empty")
    title = _title(tree, meta)
    published = _published(tree, meta)
    url = _url(tree, meta)
    clean_tree(tree, chrome_file)
    body, method = _trafilatura_body(tree), "trafilatura"
    if not body:
        body, method = _fallback_body(tree), "fallback"
    body = _without_title(body, title)
    return Page(title, body, published, method if body else "empty", url)


def extract_fragment(html: str, *, chrome_file: str = "chrome_lines.yaml") -> str:
    """Article text from an HTML fragment (a body field that holds markup)."""
    tree = _parse(f"<html><body>{html}</body></html>")
    if tree is None:
        return ""
    clean_tree(tree, chrome_file)
    body = _trafilatura_body(tree)
    fallback = _fallback_body_all(tree)
    # A fragment is the article already: keep trafilatura only if it kept most of it.
    return body if body and len(body) >= 0.8 * len(fallback) else fallback


def _fallback_body_all(tree) -> str:
    body = tree.find("body")
    return "\n".join(_block_lines(body if body is not None else tree))
