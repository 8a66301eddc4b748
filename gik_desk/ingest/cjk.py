"""Radical code points that PDF text layers emit instead of ideographs (``⼯`` for ``工``).

U+2F00–U+2FD5 (Kangxi radicals) have NFKC mappings; U+2E80–U+2EFF (the supplement) mostly
do not, so those come from Unicode's EquivalentUnifiedIdeograph list, keyed by hand here.
Every mapping is one code point to one code point, so offsets are unchanged.
"""

from __future__ import annotations

import unicodedata

_SUPPLEMENT = (
    "⺁厂⺅亻⺆冂⺇几⺊卜⺌小⺍小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵"
    "⺢氺⺣灬⺤爫⺦丬⺧牛⺨犭⺩王⺪疋⺫目⺬示⺭礻⺮竹⺯糸⺰纟⺱网⺶羊⺷羊⺹耂⺺肀⺼月⺽臼⺾艹"
    "⺿艹⻀艹⻁虎⻂衤⻃西⻄西⻅见⻆角⻇角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻏阝⻐钅⻑長⻒镸⻓长⻔门"
    "⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐"
    "⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)


def _table() -> dict[int, str]:
    out: dict[int, str] = {}
    for cp in range(0x2F00, 0x2FD6):
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if len(mapped) == 1 and mapped != chr(cp):
            out[cp] = mapped
    pairs = _SUPPLEMENT
    for i in range(0, len(pairs), 2):
        out[ord(pairs[i])] = pairs[i + 1]
    return out


RADICALS: dict[int, str] = _table()


def fold_radicals(text: str) -> str:
    """Map radical code points to the ideographs readers expect; length-preserving."""
    return text.translate(RADICALS)
