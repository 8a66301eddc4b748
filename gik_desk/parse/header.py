"""Who reported, for which year, under which title, with which sections.

Many reports carry no title (the body and the year are read from the narrative: "2021年,
天桥区…", "向社会公布2022年本机关信息公开工作年度报告", "统计期限自2020年1月1日"). Headings
are matched by their words, not their numerals (some bodies insert extra sections).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator

from gik_desk.model import Section, Span
from gik_desk.template import match_app_row

_NUMERAL = r"[一二三四五六七八九十]{1,3}"
_HEADING = re.compile(
    rf"(?:^|(?<=[\s|])|(?<=大 中 小))(?P<num>{_NUMERAL})\s*[、.．]\s*"
    r"(?P<words>[^\s|,，。;；:：]{2,40})",
    re.M,
)
# The same two patterns without the "where a heading can stand" guard in front, so the
# engine can skip ahead to a numeral; ``_at_heading_start`` checks the guard (``_scan``).
_FIRST_NUMERAL = r"[一二三四五六七八九十][一二三四五六七八九十]{0,2}"
_HEADING_BODY = re.compile(
    rf"(?P<num>{_FIRST_NUMERAL})\s*[、.．]\s*(?P<words>[^\s|,，。;；:：]{{2,40}})"
)
_SECTION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"^(总体情况|概述|概况|基本情况)")),
    ("active", re.compile(r"^(行政机关)?主动公开政府信息(的)?情况")),
    ("applications", re.compile(r"^(行政机关)?收到和处理政府信息公开申请")),
    ("appeals", re.compile(r"行政复议.{0,3}行政诉讼")),
    ("problems", re.compile(r"存在的主要问题")),
    ("other", re.compile(r"^其他需要报告的事项")),
)
_OVERVIEW = re.compile(
    rf"(?:^|(?<=[\s|])|(?<=大 中 小))(?:{_NUMERAL})\s*[、.．]\s*(?:总体情况|概述)", re.M
)
_OVERVIEW_BODY = re.compile(rf"(?:{_FIRST_NUMERAL})\s*[、.．]\s*(?:总体情况|概述)")
_YEAR = r"((?:19|20)\d{2})"
_BOOK = re.compile(r"《[^》\n]{0,80}》")
_TITLE_YEAR = re.compile(rf"{_YEAR}\s*年(?:度)?[^。\n|]{{0,30}}?(?:年度报告|年报|工作报告)")
_STAT_YEAR = re.compile(rf"统计期限(?:为|自|是|从)?\s*{_YEAR}\s*年")
_LEAD_YEAR = re.compile(rf"{_YEAR}\s*年(?:度)?(?:[,，]|以来|全年|我|全|共|，|是)")
_ANY_YEAR = re.compile(rf"{_YEAR}\s*年")
_ORG_END = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|委员会|管理局|"
    r"局|中心|办)"
)
_CJK = r"[\u4e00-\u9fff]"
_XIANJIANG = re.compile(rf"现将\s*(?P<org>{_CJK}{{2,40}}?{_ORG_END})\s*{_YEAR}\s*年")
_LABEL_PREFIX = re.compile(r"^(?:标题|题目|名称)\s*[:：]\s*")  # a crawler's metadata line
_TITLE_PLACE = re.compile(rf"(?P<place>{_CJK}{{1,8}}?[省市区县旗州盟])\s*{_YEAR}\s*年")
_TITLE_ORG = re.compile(rf"(?P<org>{_CJK}{{2,40}}?{_ORG_END})\s*{_YEAR}\s*年(?:度)?")
_SUBJECT_VERB = (
    r"(?=认真|坚持|深入|严格|全面|紧紧|紧扣|始终|持续|积极|按照|围绕|高度|进一步|不断|聚焦|"
    r"准确|扎实|切实|政府信息公开工作|政务公开工作|以习近平)"
)
_SUBJECT_ORG = re.compile(
    rf"(?P<org>{_CJK}{{2,6}}?[省市区县旗]{_CJK}{{2,20}}?{_ORG_END}){_SUBJECT_VERB}"
)
_SUBJECT_PLACE = re.compile(
    rf"(?:年(?:度)?|以来)[,，]\s*(?P<place>{_CJK}{{2,4}}?[区县旗市]){_SUBJECT_VERB}"
)
_WE_AREA = re.compile(r"[我全本]([区县旗市])")
_REPORT_WORDS = re.compile(r"年度报告|年报|本报告")


def _at_heading_start(text: str, i: int) -> bool:
    r"""``(?:^|(?<=[\s|])|(?<=大 中 小))`` of ``_HEADING`` / ``_OVERVIEW`` (``re.M``)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] == "|" or text[i - 5 : i] == "大 中 小"


def _scan(body: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``guarded.finditer(text, start, end)``, match for match, where ``guarded`` is ``body``
    behind the heading-start guard: a position failing the guard is retried one character on,
    as the engine would. Several times faster: the engine skips to a numeral in C."""
    pos = start
    while True:
        m = body.search(text, pos, end)
        if m is None:
            return
        if _at_heading_start(text, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


class _LineEnds:
    """Where each line of ``text[start:end]`` ends, found once (O(end - start)), then looked
    up by bisection: a heading costs O(log lines), not a scan to the next line break, which in
    a 16 MB report without line breaks made :func:`sections` quadratic (36 s)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end
        self._ends: list[int] | None = None

    def after(self, pos: int) -> int:
        """The end of the line holding ``pos`` (``end`` when no line break follows)."""
        if self._ends is None:
            # each line's length + 1, summed: where the next line starts (at C speed)
            lines = self._text[self._start : self._end].split("\n")
            self._ends = list(itertools.accumulate(map((1).__add__, map(len, lines))))
            self._ends.pop()  # the last line has no break after it
        i = bisect.bisect_left(self._ends, pos - self._start + 1)  # breaks at next starts - 1
        return self._start + self._ends[i] - 1 if i < len(self._ends) else self._end


def sections(text: str, start: int, end: int) -> list[Section]:
    """Top-level headings in ``text[start:end]``: known ones anywhere a heading can stand,
    unknown ones only on a short line of their own that is not a table row.

    O(end - start): line starts are checked in O(1), line ends are indexed once.
    """
    out: list[Section] = []
    last = 0
    line_ends = _LineEnds(text, start, end)
    for m in _scan(_HEADING_BODY, text, start, end):
        words = m.group("words")
        key = _section_key(words)
        number = _numeral(m.group("num"))
        if key is None and number <= last:
            continue  # 三、本年度办理结果 inside 表三: headings count up, table rows restart
        if key is None:
            if m.start() > 0 and text[m.start() - 1] != "\n":
                continue  # not at a line start (same as rfind("\n") + 1 != m.start())
            line_end = line_ends.after(m.end())
            line = text[m.start() : line_end]
            if "|" in line or len(line.strip()) > 30 or match_app_row(line) is not None:
                continue
            key = "unknown"
        heading_end = m.end()
        last = max(last, number) if key != "overview" else number
        out.append(Section(key, text[m.start() : heading_end], Span(m.start(), heading_end)))
    return _last_of_each(out)


@functools.lru_cache(maxsize=4096)
def _section_key(words: str) -> str | None:
    """The known section a heading's words name, or None (cached: every report prints the
    same headings, and every table row numbered 一、 二、 is asked too)."""
    return next((k for k, p in _SECTION_WORDS if p.search(words)), None)


def _last_of_each(secs: list[Section]) -> list[Section]:
    """A known heading printed twice (a page template repeats it, or 五、 stands once before
    表四 and once after it) counts where it is printed last: the text between belongs to
    the section before."""
    last = {s.key: i for i, s in enumerate(secs)}
    return [s for i, s in enumerate(secs) if s.key == "unknown" or last[s.key] == i]


_DIGIT_OF = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


def _numeral(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (headings never go further)."""
    if "十" not in s:
        return _DIGIT_OF.get(s[:1], 0)
    tens, _, units = s.partition("十")
    return _DIGIT_OF.get(tens, 1) * 10 + _DIGIT_OF.get(units, 0)


def overview_starts(text: str) -> list[int]:
    """Where each report's 一、总体情况 / 一、概述 stands: every report has it once."""
    return [m.start() for m in _scan(_OVERVIEW_BODY, text, 0, len(text))]


def _mask_books(s: str) -> str:
    """Blank out 《…》 titles (a notice named 《关于做好2023年…年度报告…》 is not the title)."""
    return _BOOK.sub(lambda m: " " * len(m.group()), s)


def find_year(text: str, start: int, overview: int | None, end: int) -> int | None:
    """Title/preamble → 统计期限 → the overview's first "YYYY年," → the most frequent year."""
    head_end = overview if overview is not None else min(end, start + 400)
    head = _mask_books(text[start : min(end, head_end + 40)])
    m = _TITLE_YEAR.search(head)
    if m:
        return int(m.group(1))
    body = text[start:end]
    m = _STAT_YEAR.search(body)
    if m:
        return int(m.group(1))
    if overview is not None:
        m = _LEAD_YEAR.search(text, overview, min(end, overview + 400))
        if m:
            return int(m.group(1))
    counts: dict[int, int] = {}
    for y in _ANY_YEAR.finditer(_mask_books(body)):
        counts[int(y.group(1))] = counts.get(int(y.group(1)), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def find_title(text: str, start: int, overview: int | None) -> tuple[str | None, Span | None]:
    """A title line before the overview: it names 年度报告/年报 and a year (breadcrumbs cut)."""
    head_end = overview if overview is not None else min(len(text), start + 400)
    pos = start
    prev: tuple[int, int] | None = None
    for line in text[start:head_end].splitlines(keepends=True):
        a, b = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        s = line.strip().strip("|").strip()
        if not s:
            continue
        m = _TITLE_YEAR.search(s)
        if m and len(s) <= 80 and not s.endswith(("。", ":", ":")) and "《" not in s:
            title = _LABEL_PREFIX.sub("", s.rsplit(">", 1)[-1].strip())
            if m.start() == 0 and prev is not None:
                p = text[prev[0] : prev[1]].strip().strip("|").strip()
                if len(p) <= 40 and re.search(f"{_ORG_END}$", p):
                    title = p + title
            lead = text.find(title[:6], a, b)
            span = Span(lead, lead + len(title)) if lead >= 0 else Span(a, b)
            return title, span
        prev = (a, b)
    return None, None


def find_agency(
    text: str, start: int, overview: int | None, end: int, title: str | None
) -> str | None:
    """The body as printed: the title, "现将…", the overview's subject, in that order."""
    if title:
        m = _TITLE_ORG.search(title)
        if m:
            return _clean_org(m.group("org"))
        m = _TITLE_PLACE.match(title)
        if m:  # 莆田市2015年政府信息公开工作年度报告: the place speaks for itself
            return place_body(text, m.group("place"))
    head_end = overview if overview is not None else min(end, start + 400)
    head = _mask_books(text[start:head_end])
    m = _XIANJIANG.search(head)
    if m:
        return _clean_org(m.group("org"))
    if overview is None:
        return None
    window = text[overview : min(end, overview + 400)]
    m = _SUBJECT_ORG.search(window)
    if m:
        return _clean_org(m.group("org"))
    m = _SUBJECT_PLACE.search(window)
    if m:
        return area_government(text, m.group("place"))
    return None


_PLACE_ORGANS = ("人民政府", "管理委员会", "管委会")


def place_body(text: str, place: str) -> str:
    """The organ a place-only title stands for, as the file itself names it: 莆田市 →
    莆田市人民政府; a 综合实验区 or 开发区 → its 管理委员会 when that is what the text says.
    The plain 人民政府 form only where the text names no organ of the place (never invented
    beyond the national norm for 省/市/县/区)."""
    counts = {organ: text.count(place + organ) for organ in _PLACE_ORGANS}
    organ = max(_PLACE_ORGANS, key=lambda o: (counts[o], -_PLACE_ORGANS.index(o)))
    if counts[organ] == 0:
        return area_government(text, place)
    return f"{place}{organ}"


def area_government(text: str, place: str) -> str:
    """ "天桥区" → "济南市天桥区人民政府", the city read from where the file names it."""
    prefix = "" if place.endswith("市") else _city_of(text, place)
    return f"{prefix}{place}人民政府"


def _per_text_memo(fn: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """Remember ``fn(text, place)`` for the latest ``text`` only (compared by identity).

    ``_city_of`` scans the whole file for ``place``; a file of N reports asked it N times, so
    a 16 MB file of 300 reports spent O(N x size). One file's answers are kept, never more
    than one text (the latest) is held.
    """
    memo: dict[str, str] = {}
    current: list[str] = []

    @functools.wraps(fn)
    def wrapper(text: str, place: str) -> str:
        if not current or current[0] is not text:
            current[:] = [text]
            memo.clear()
        if place not in memo:
            memo[place] = fn(text, place)
        return memo[place]

    return wrapper


@_per_text_memo
def _city_of(text: str, place: str) -> str:
    """The city printed before ``place`` ("淮安市洪泽区"): up to four characters before 市,
    cut after the last function word ("本报告由淮安市洪泽区…" → 淮安市). The form printed most
    often wins."""
    votes: dict[str, int] = {}
    for m in re.finditer(_spaced(place), text):
        before = _CITY_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if before is None:
            continue
        s = before.group(1)
        head = s[:-3]
        cut = max((i for i, ch in enumerate(head) if ch in _FUNCTION_CHARS), default=-1)
        s = s[cut + 1 :]
        votes[s] = votes.get(s, 0) + 1
    if not votes:
        return ""
    return max(votes, key=lambda c: (votes[c], -len(c)))


_CITY_BEFORE = re.compile(rf"({_CJK}{{0,2}}{_CJK}{{2}}[市州盟])\s*$")
_FUNCTION_CHARS = frozenset("由与在对向请将是和及的于从至为把被经据按以受、,，:：市区县")


_BARE_AREA_GOV = re.compile(rf"^(?P<place>{_CJK}{{1,5}}[区县旗])人民政府$")


def with_city(text: str, agency: str | None) -> str | None:
    """ "洪泽区人民政府" → "淮安市洪泽区人民政府" when the file itself names the city with it
    (an address, the 办公室): one district government, one name across its reports."""
    if not agency:
        return agency
    m = _BARE_AREA_GOV.match(agency)
    if m is None:
        return agency
    return area_government(text, m.group("place"))


def _spaced(word: str) -> str:
    """A pattern for ``word`` that lets PDF line breaks and spaces sit between its characters."""
    return r"\s*".join(re.escape(ch) for ch in word)


def speaks_for_area(text: str, start: int, end: int) -> str | None:
    """ "我区"/"全区": the unit a report speaks for when it never names itself."""
    m = _WE_AREA.search(text, start, end)
    return m.group(1) if m else None


def _clean_org(org: str) -> str:
    org = org.strip()
    for lead in ("根据", "按照", "现将", "关于"):
        if org.startswith(lead):
            org = org[len(lead) :]
    return org


_KEY_DROP = re.compile(r"[\s\u3000()（）\[\]【】·•]")


def agency_key(agency: str | None) -> str | None:
    """Normalised body: full-width folded, spaces and brackets gone, 区政府 → 区人民政府."""
    if not agency:
        return None
    s = _KEY_DROP.sub("", unicodedata.normalize("NFKC", agency))
    s = re.sub(r"(?<!人民)政府$", "人民政府", s)
    return re.sub(r"(?<!人民)政府办公室$", "人民政府办公室", s)


def looks_like_report(text: str, start: int, end: int, title: str | None) -> bool:
    """A 年度报告 names itself so in its title or its opening lines (a letter does not)."""
    if title and _REPORT_WORDS.search(title):
        return True
    return bool(_REPORT_WORDS.search(text, start, min(end, start + 600)))
