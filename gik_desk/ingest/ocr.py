"""OCR of image-only pages (issue 29): PP-OCR models on onnxruntime, offline.

A scanned page is rendered at ``OCR_DPI``, cleaned (the red channel drops a red seal, contrast is
stretched for a grey photocopy) and straightened (the skew that makes the rows' ink line up
best). Table rules are found by morphology on the straightened image and handed, as edges in
points, to ``pdfium_tables.find_tables`` -- the same table finder text PDFs use. Text comes from
rapidocr's detector and recogniser; every figure cell is read again alone by the recogniser with
its alphabet restricted to what a figure may hold, so each character carries the probability the
model gave it. A figure whose weakest character is below ``MIN_CONFIDENCE`` is *unread*: its
best reading is kept only as a candidate, never as the value (parse leaves the cell empty and
the rules name it).

Coordinates: everything is measured on the straightened image and mapped back to the page as
displayed (PDF points, top-left origin), so a cell's box lands on the scan the 原件 view shows.
Results are cached on disk by the hash of the page bitmap (``GIK_OCR_CACHE`` moves the cache).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gik_desk.ingest import pdfium_tables as fast

OCR_DPI = 200
MIN_CONFIDENCE = 0.9  # below this a figure's character is not trusted (docs/OUTPUT.md)
OCR_VERSION = "4"  # bump when the reading changes, so cached pages are read again
_FIGURE_CHARS = "0123456789.-—/无,%"
# what the page reader may make of a figure (一 for 1, 。 for 0): such a cell is read again alone
_FIGURE_TEXT = re.compile(r"^[\s0-9０-９.,，。oO○〇\-—－/／无%|Il一丨｜′'`]*$")
_DET_SIDE = 1400  # the detector sees the page at most this many pixels long (2.8x cheaper)
_MIN_RATIO = 2.0  # a figure crop is padded to at least twice its height
_BATCH = 32  # figure crops a recogniser call reads at once
_MAX_SKEW = 3.0  # degrees searched either way
_ENGINE: Any = None


def enabled() -> bool:
    """Whether scanned pages are read: the engine is installed and ``GIK_OCR`` is not ``0``."""
    return os.environ.get("GIK_OCR", "1") != "0" and available()


def available() -> bool:
    """Whether the OCR engine is installed (rapidocr-onnxruntime needs Python < 3.13)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # ImportError, or onnxruntime failing to load its library
        return False
    return True


@dataclass(frozen=True, slots=True)
class OcrChar:
    """One recognised character on the straightened page, in points, with its probability."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float


@dataclass(frozen=True, slots=True)
class OcrCell:
    """A table cell (points, straightened page) and what was read in it.

    ``figure``: read alone with the figure alphabet; ``unread``: its weakest character is below
    ``MIN_CONFIDENCE``, so ``chars`` hold only a candidate; ``options``: the readings the model
    found close (the best first), for the template's identities to choose between.
    """

    rect: tuple[float, float, float, float]
    chars: tuple[OcrChar, ...]
    figure: bool = False
    conf: float = 1.0
    unread: bool = False
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page read: prose characters, tables of cells, and how to map back to the page."""

    width: float  # points
    height: float
    angle: float  # degrees the scan was turned to straighten it
    prose: tuple[OcrChar, ...]
    tables: tuple[tuple[OcrCell, ...], ...] = ()
    cached: bool = field(default=False, compare=False)

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        """A point of the straightened page on the page as scanned (the rotation undone)."""
        if not self.angle:
            return x, y
        a = math.radians(self.angle)
        cx, cy = self.width / 2, self.height / 2
        dx, dy = x - cx, y - cy
        return (
            cx + dx * math.cos(a) + dy * math.sin(a),
            cy - dx * math.sin(a) + dy * math.cos(a),
        )


def as_ch(c: OcrChar) -> fast.Ch:
    return fast.Ch(c.text, c.x0, c.top, c.x1, c.bottom, c.bottom)


# ---- the engine ------------------------------------------------------------------------------


def _engine() -> Any:
    """One engine a process (0.5 s to load); workers of the pool keep theirs warm."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR(print_verbose=False, max_side_len=_DET_SIDE)
    return _ENGINE


def _cache_dir() -> Path | None:
    env = os.environ.get("GIK_OCR_CACHE")
    if env == "":
        return None
    if env:
        return Path(env)
    import platformdirs

    from gik_desk.model.formats import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME)) / "ocr"


def read_bitmap(rgb: Any, width_pt: float, height_pt: float) -> OcrPage:
    """Read one page bitmap (H x W x 3 RGB, uint8) covering ``width_pt`` x ``height_pt``.

    Cached by the bitmap's hash: a page read once is never read again.
    """
    import numpy as np

    arr = np.ascontiguousarray(rgb)
    key = hashlib.sha256(arr.tobytes() + f"{arr.shape}|{OCR_VERSION}".encode()).hexdigest()
    cache = _cache_dir()
    hit = _load(cache, key)
    if hit is not None:
        return hit
    page = _read(arr, width_pt, height_pt)
    _store(cache, key, page)
    return page


def _load(cache: Path | None, key: str) -> OcrPage | None:
    if cache is None:
        return None
    try:
        data = json.loads((cache / f"{key}.json").read_text("utf-8"))
        return OcrPage(
            width=data["width"],
            height=data["height"],
            angle=data["angle"],
            prose=tuple(OcrChar(**c) for c in data["prose"]),
            tables=tuple(
                tuple(
                    OcrCell(
                        rect=tuple(c["rect"]),
                        chars=tuple(OcrChar(**ch) for ch in c["chars"]),
                        figure=c["figure"],
                        conf=c["conf"],
                        unread=c["unread"],
                        options=tuple(c["options"]),
                    )
                    for c in t
                )
                for t in data["tables"]
            ),
            cached=True,
        )
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: read the page again
        return None


def _store(cache: Path | None, key: str, page: OcrPage) -> None:
    if cache is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f"{key}.{os.getpid()}.tmp"
        data = asdict(page)
        data.pop("cached", None)
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        tmp.replace(cache / f"{key}.json")
    except OSError:  # a cache that cannot be written only costs time
        return


# ---- reading a page --------------------------------------------------------------------------


def _read(rgb: Any, width_pt: float, height_pt: float) -> OcrPage:
    import cv2
    import numpy as np

    gray = _clean(rgb)
    angle = _skew(gray)
    h, w = gray.shape
    if angle:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
        gray = cv2.warpAffine(
            gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
        )
    sx, sy = width_pt / w, height_pt / h
    h_edges, v_edges, ruled = _rules(gray, sx, sy)
    tables = [t for t in fast.find_tables(h_edges, v_edges) if len({round(c[0]) for c in t}) >= 2]
    engine = _engine()
    bgr = np.dstack([gray, gray, gray])
    result, _ = engine(bgr, use_cls=False, return_word_box=True)
    chars = _chars(result or [], sx, sy)
    boxes = [fast.bbox(t) for t in tables]
    prose = [c for c in chars if not fast.inside(as_ch(c), boxes)] if boxes else chars
    unruled = gray.copy()  # figures are cropped clear of the rules, so no stroke of one is read
    unruled[ruled > 0] = 255
    read_tables = tuple(_cells(unruled, t, chars, engine, sx, sy) for t in tables)
    return OcrPage(width_pt, height_pt, angle, tuple(prose), read_tables)


def _clean(rgb: Any) -> Any:
    """Grey levels for reading: the red channel (a red seal turns white, black ink stays black),
    stretched so a grey photocopy's paper is white and its ink dark."""
    import numpy as np

    red = rgb[:, :, 0].astype(np.float32)
    lo, hi = np.percentile(red, 1), np.percentile(red, 90)
    if hi - lo < 40:  # nothing printed
        return rgb[:, :, 0].copy()
    out = (red - lo) * (255.0 / (hi - lo))
    return np.clip(out, 0, 255).astype(np.uint8)


def _skew(gray: Any) -> float:
    """The turn (degrees, to the nearest 0.1) that makes the rows of ink line up best."""
    import cv2
    import numpy as np

    h, w = gray.shape
    scale = 800 / max(w, 1)
    small = cv2.resize(gray, (max(int(w * scale), 1), max(int(h * scale), 1)))
    ink = (small < 128).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    sh, sw = ink.shape
    best, best_score = 0.0, -1.0
    for step in range(int(-_MAX_SKEW * 10), int(_MAX_SKEW * 10) + 1, 2):
        a = step / 10
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), -a, 1.0)
        rows = cv2.warpAffine(ink, m, (sw, sh)).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = a, score
    for fine in (-0.1, 0.1):  # refine to 0.1 degree around the best even step
        a = best + fine
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), -a, 1.0)
        rows = cv2.warpAffine(ink, m, (sw, sh)).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = a, score
    return round(best, 1) if abs(best) >= 0.15 else 0.0


def _rules(
    gray: Any, sx: float, sy: float
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], Any]:
    """Table rules as pdfium_tables edges (points), long thin runs of ink found by morphology, and
    the mask of their pixels."""
    import cv2

    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    unit = max(round(12 / sx), 10)  # 12 pt: longer than any stroke of a character
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (unit * 3, 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, unit * 2))
    close_h = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 1))
    )
    close_v = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 7))
    )
    horiz = cv2.morphologyEx(close_h, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(close_v, cv2.MORPH_OPEN, vk)
    h_edges: list[tuple[float, float, float]] = []
    v_edges: list[tuple[float, float, float]] = []
    n, _, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    for i in range(1, n):
        x, y, bw, bh, _area = (int(v) for v in stats[i])
        if bh > unit:  # a blob, not a rule
            continue
        h_edges.append(((y + bh / 2) * sy, x * sx, (x + bw) * sx))
    n, _, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    for i in range(1, n):
        x, y, bw, bh, _area = (int(v) for v in stats[i])
        if bw > unit:
            continue
        v_edges.append(((x + bw / 2) * sx, y * sy, (y + bh) * sy))
    ruled = cv2.dilate(
        cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    )
    return h_edges, v_edges, ruled


def _chars(result: list[Any], sx: float, sy: float) -> list[OcrChar]:
    """rapidocr's lines as characters: a Chinese character has its own box, a run of Latin
    letters or digits one box shared out evenly. The gaps between the characters of one
    line are closed, so a line reads as one word (printed Chinese has no spaces to keep)."""
    out: list[OcrChar] = []
    for item in result:
        if len(item) < 6:
            continue
        word_boxes, words, confs = item[3], item[4], item[5]
        line: list[list[Any]] = []
        k = 0
        for box, word in zip(word_boxes, words, strict=False):
            xs = [p[0] for p in box]
            ys = [p[1] for p in box]
            x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
            chars = [unicodedata.normalize("NFKC", ch) for ch in word]
            step = (x1 - x0) / max(len(chars), 1)
            for j, ch in enumerate(chars):
                conf = float(confs[k]) if k < len(confs) else 0.0
                k += 1
                if not ch or ch.isspace():
                    continue
                line.append([ch[0], x0 + j * step, top, x0 + (j + 1) * step, bottom, conf])
        line.sort(key=lambda c: c[1])
        for a, b in itertools.pairwise(line):
            if 0 < b[1] - a[3] < (a[4] - a[2]):
                a[3] = b[1]
        out += [OcrChar(c[0], c[1] * sx, c[2] * sy, c[3] * sx, c[4] * sy, c[5]) for c in line]
    return out


@dataclass(slots=True)
class _Pending:
    """A figure cell waiting for the batched recogniser: its crop and where the ink sits."""

    index: int
    crop: Any
    left: float
    right: float
    top: float
    bottom: float


def _cells(
    gray: Any,
    rects: list[tuple[float, float, float, float]],
    chars: list[OcrChar],
    engine: Any,
    sx: float,
    sy: float,
) -> tuple[OcrCell, ...]:
    """A table's cells; every figure (or ink the detector missed) is read again alone, all
    of a table's figures in a few batches."""
    import numpy as np

    out: list[OcrCell] = []
    pending: list[_Pending] = []
    for rect in rects:
        x0, top, x1, bottom = rect
        inside = [
            c
            for c in chars
            if x0 <= (c.x0 + c.x1) / 2 < x1 and top <= (c.top + c.bottom) / 2 < bottom
        ]
        text = "".join(c.text for c in inside)
        out.append(OcrCell(rect, tuple(inside)))
        if text and not _FIGURE_TEXT.match(text):
            continue
        px0, px1 = int(x0 / sx) + 4, int(x1 / sx) - 4  # the cell's inside, clear of its rules
        ptop, pbottom = int(top / sy) + 4, int(bottom / sy) - 4
        if px1 - px0 < 4 or pbottom - ptop < 4:
            continue
        crop = gray[ptop:pbottom, px0:px1]
        ink = crop < 128
        if ink.sum() < 12:  # empty: a blank cell
            out[-1] = OcrCell(rect, (), figure=True)
            continue
        ys = np.where(ink.any(axis=1))[0]
        xs = np.where(ink.any(axis=0))[0]
        iy0, iy1, ix0, ix1 = int(ys[0]), int(ys[-1]) + 1, int(xs[0]), int(xs[-1]) + 1
        box = ((px0 + ix0) * sx, (px0 + ix1) * sx, (ptop + iy0) * sy, (ptop + iy1) * sy)
        if (iy1 - iy0) < 6 and (ix1 - ix0) >= 6:  # flat ink: a dash, never a digit
            dash = OcrChar("—", box[0], box[2], box[1], box[3], 1.0)
            out[-1] = OcrCell(rect, (dash,), figure=True)
            continue
        pad = 3
        sub = crop[max(iy0 - pad, 0) : iy1 + pad, max(ix0 - pad, 0) : ix1 + pad]
        pending.append(_Pending(len(out) - 1, sub, *box))
    pending.sort(key=lambda g: g.crop.shape[1] / max(g.crop.shape[0], 1))  # batches of like width
    for start in range(0, len(pending), _BATCH):
        group = pending[start : start + _BATCH]
        for p, (read, confs, options) in zip(
            group, _figures(engine, [g.crop for g in group]), strict=True
        ):
            rect = out[p.index].rect
            if not read:
                out[p.index] = OcrCell(rect, out[p.index].chars, True, 0.0, True)
                continue
            step = (p.right - p.left) / len(read)
            cs = tuple(
                OcrChar(ch, p.left + j * step, p.top, p.left + (j + 1) * step, p.bottom, c)
                for j, (ch, c) in enumerate(zip(read, confs, strict=True))
            )
            conf = min(confs)
            out[p.index] = OcrCell(rect, cs, True, conf, conf < MIN_CONFIDENCE, options)
    return tuple(out)


def _figures(engine: Any, crops: list[Any]) -> list[tuple[str, list[float], tuple[str, ...]]]:
    """Figures read alone: CTC decoding over the figure alphabet only, each character with the
    probability the model gave it, and the runner-up reading of each doubtful character."""
    import numpy as np

    rec = engine.text_rec
    # a figure is short: padding it to the 320-pixel line width the model takes for prose
    # costs three times the work and reads no better
    ratio = max([_MIN_RATIO] + [c.shape[1] / max(c.shape[0], 1) for c in crops])
    batch = np.concatenate(
        [rec.resize_norm_img(np.dstack([c, c, c]), ratio)[np.newaxis, :] for c in crops]
    ).astype(np.float32)
    preds = rec.session(batch)[0]  # N x T x classes, softmax
    chars = rec.postprocess_op.character
    allowed = [0] + [i for i, ch in enumerate(chars) if len(ch) == 1 and ch in _FIGURE_CHARS]
    return [_decode(p[:, allowed], [chars[i] for i in allowed]) for p in preds]


def _decode(sub: Any, alphabet: list[str]) -> tuple[str, list[float], tuple[str, ...]]:
    import numpy as np

    best = sub.argmax(axis=1)
    out: list[str] = []
    confs: list[float] = []
    seconds: list[str] = []
    prev = 0
    for t, k in enumerate(best):
        k = int(k)
        if k != 0 and k != prev:
            out.append(alphabet[k])
            confs.append(float(sub[t, k]))
            order = np.argsort(-sub[t])
            runner = next((int(j) for j in order if int(j) not in (0, k)), 0)
            seconds.append(alphabet[runner] if runner else "")
        elif k != 0:
            confs[-1] = max(confs[-1], float(sub[t, k]))
        prev = k
    text = "".join(out)
    options = [text]
    for i, c in enumerate(confs):
        if c < MIN_CONFIDENCE and seconds[i]:
            options.append(text[:i] + seconds[i] + text[i + 1 :])
    return text, confs, tuple(dict.fromkeys(options))


# ---- images embedded in a Word file ----------------------------------------------------------

IMAGE_DPI = 200  # an embedded page image is taken at this resolution (A4: 1,654 pixels wide)
_A4_WIDTH_PX = round(595 / 72 * IMAGE_DPI)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif")


def image_bitmap(data: bytes) -> Any | None:
    """An embedded picture as an RGB page bitmap at about ``IMAGE_DPI`` (a page scan is
    scaled to A4 width), or None when it cannot be decoded or is too small to hold a page."""
    import io

    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > 60_000_000:  # a decompression bomb, not a page
                return None
            rgb = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if rgb.width < 400 or rgb.height < 300:  # a logo or a seal, not a page
        return None
    if abs(rgb.width - _A4_WIDTH_PX) > 0.1 * _A4_WIDTH_PX:
        h = round(rgb.height * _A4_WIDTH_PX / rgb.width)
        rgb = rgb.resize((_A4_WIDTH_PX, h), Image.Resampling.LANCZOS)
    return np.array(rgb)


def write_page(page: OcrPage, out: Any, limits: Any) -> list[list[object]]:
    """An OCR'd page into a ``TextBuilder`` (prose lines and tables in reading order), without
    page boxes (a Word file has no pages to box on). Returns the figure records
    (``[start, end, confidence, unread, options]``) for ``Document.meta["ocr"]["cells"]``."""
    from gik_desk.ingest.builder import join_lines
    from gik_desk.ingest.grid import Placed, normalise

    marks: list[list[object]] = []
    lines = fast.lines_of([as_ch(c) for c in page.prose])
    items: list[tuple[float, int, int]] = [
        (min(c.top for w in ln for c in w), 0, k) for k, ln in enumerate(lines)
    ]
    items += [(min(c.rect[1] for c in t), 1, k) for k, t in enumerate(page.tables) if t]
    items.sort(key=lambda it: (it[0], it[1]))
    for _, is_table, k in items:
        if not is_table:
            out.line(fast.line_text(lines[k]))
            continue
        cells = sorted(page.tables[k], key=lambda c: (c.rect[1], c.rect[0]))
        xs = fast.merge_edges([c.rect[0] for c in cells] + [c.rect[2] for c in cells])
        ys = fast.merge_edges([c.rect[1] for c in cells] + [c.rect[3] for c in cells])
        placed: list[Placed] = []
        at: dict[tuple[int, int], OcrCell] = {}
        for c in cells:
            c0, c1 = _nearest(xs, c.rect[0]), _nearest(xs, c.rect[2])
            r0, r1 = _nearest(ys, c.rect[1]), _nearest(ys, c.rect[3])
            text = "\n".join(
                fast.line_text(ln) for ln in fast.lines_of([as_ch(x) for x in c.chars])
            )
            placed.append(Placed(r0, c0, join_lines(text), max(r1 - r0, 1), max(c1 - c0, 1)))
            at.setdefault((r0, c0), c)
        table = out.table(normalise(placed, limits))
        for g in table.cells if table is not None else ():
            mark = at.get((g.row, g.col))
            if mark is not None and mark.figure and mark.chars:
                marks.append(
                    [g.span.start, g.span.end, round(mark.conf, 4), mark.unread, list(mark.options)]
                )
    return marks


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))
