"""What a language version's text holds, read by that language's conventions: numbers by value, symbols, references, URLs, script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from cprdesk_core.textfold import FOOTNOTE_MARKER, strip_markers

# Arabic-Indic and Persian digits read as ASCII; the Arabic decimal and thousands separators as "." and ",".
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)}
    | {chr(0x06F0 + i): str(i) for i in range(10)}
    | {"\u066b": ".", "\u066c": ","}
)

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»“”‘’()\[\]（）【】《》「」，。；：！？、]+", re.I)
# Document symbols: UNEP/EA.5/3, A/RES/66/288, CEB/2019/3/Add.2, UNEP/EA.5/1/Rev.1, EMG/SOM.15/02, SS.VII/1.
# Parts after the first are upper case, digits, dots and hyphens, or Add./Rev./Corr.… with a number; a
# symbol has a digit, so that "Council/Global" or "UNDP/UNEP" are not taken for one.
SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/.\-])[A-Z][A-Z0-9.\-]*"
    r"(?:/(?:(?:Add|Rev|Corr|Amend|Misc|Suppl)\.\d+|[A-Z0-9][A-Z0-9.\-]*))+"
    r"(?![A-Za-z0-9/])"
)
# Resolutions and decisions of the General Assembly, UNEA and the Governing Council: 4/22, 63/220, SS.VII/1.
_SPECIAL_SESSION = re.compile(r"^(?:GC)?SS\.[IVXLC]+/\d{1,3}$")
_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9/.\-])(?:(?:GC)?SS\.[IVXLC]+/\d{1,3}|\d{1,3}/\d{1,4})(?![A-Za-z0-9/]|[.,]\d)"
)

_SPACES = " \u00a0\u202f\u2009\u2007"
# Which characters group thousands and which one starts the decimals, per language (UN editorial usage).
_THOUSANDS = {"en": "," + _SPACES, "zh": "," + _SPACES, "ar": "," + _SPACES,
              "fr": _SPACES, "ru": _SPACES, "es": "." + _SPACES}
_DECIMAL = {"en": ".", "zh": ".", "ar": ".", "fr": ",", "ru": ",", "es": ","}


def _number_pattern(lang: str) -> re.Pattern[str]:
    thousands = re.escape(_THOUSANDS[lang])
    decimal = re.escape(_DECIMAL[lang])
    return re.compile(
        rf"(?<!\d)(?:"
        rf"(?P<grouped>\d{{1,3}}(?P<sep>[{thousands}])\d{{3}}(?:(?P=sep)\d{{3}})*(?:{decimal}\d+)?)(?![\d.,]\d|\d)"
        rf"|(?P<dotted>\d+(?:\.\d+){{2,}})"
        rf"|(?P<decimal>\d+{decimal}\d+)"
        rf"|(?P<dotted_pair>\d+\.\d+)"
        rf"|(?P<plain>\d+))"
    )


_NUMBER = {lang: _number_pattern(lang) for lang in _DECIMAL}

# Ordinals in figures (26th session) may be words in the other languages (第二十六届会议, vigésimo sexto).
_ORDINAL = {
    "en": re.compile(r"(?:st|nd|rd|th)\b"),
    "fr": re.compile(r"(?:e|ème|eme|es|èmes|re|ère|res)\b"),
    "es": re.compile(r"\.?[ºª]"),
    "ru": re.compile(r"-(?:й|я|е|го|му|м|х|ми|ое|ая|ый|ой|ого|ом|ых|ые)\b"),
}
# Magnitude words after a number: "4 million" = "4 millions" = "4 millones" = "4 млн" = "4 ملايين" = 400万.
_W = r"[\s\u00a0\u202f]*"
_MAGNITUDE = {
    "en": [(r"billions?\b", 10**9), (r"millions?\b", 10**6), (r"thousand\b", 10**3)],
    "fr": [(r"milliards?\b", 10**9), (r"millions?\b", 10**6)],
    "es": [(r"mil" + _W + r"millones\b", 10**9), (r"millardos?\b", 10**9), (r"mill(?:ón|on|ones)\b", 10**6),
           (r"mil\b", 10**3)],
    "ru": [(r"(?:млрд\.?|миллиард\w*)", 10**9), (r"(?:млн\.?|миллион\w*)", 10**6), (r"(?:тыс\.|тысяч\w*)", 10**3)],
    "ar": [(r"(?:مليارات|مليار|بلايين|بليون)", 10**9), (r"(?:ملايين|مليون)", 10**6), (r"(?:آلاف|ألف)", 10**3)],
    "zh": [(r"多?" + _W + r"十亿", 10**9), (r"多?" + _W + r"千万", 10**7), (r"多?" + _W + r"百万", 10**6),
           (r"多?" + _W + r"十万", 10**5), (r"多?" + _W + r"亿", 10**8), (r"多?" + _W + r"万", 10**4)],
}
_MAGNITUDE_RE = {
    lang: [(re.compile(_W + pattern, re.I), factor) for pattern, factor in entries]
    for lang, entries in _MAGNITUDE.items()
}
# The month of a Chinese date (2011 年 2 月 24 日) is a word in the other languages.
_DIGIT_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d)")
_ZH_MONTH = re.compile(r"\d+(?:\s*[-–—至到]\s*\d+)?\s*月")


_ARABIC_NUMERALS = re.compile("[\u0660-\u0669\u066b\u066c\u06f0-\u06f9]")


def normalise_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits, the Arabic decimal separator as a point."""
    return text.translate(_DIGITS) if _ARABIC_NUMERALS.search(text) else text


def urls(text: str) -> frozenset[str]:
    """The web addresses in a text, without trailing sentence punctuation."""
    return frozenset(u.rstrip(".,;:!?") for u in URL.findall(strip_markers(text)))


@lru_cache(maxsize=4096)
def _symbols_and_references(text: str) -> tuple[frozenset[str], frozenset[str], str]:
    """Document symbols, resolution/decision references, and the text with URLs, symbols and references blanked."""
    text = normalise_digits(strip_markers(text))
    text = URL.sub(" ", text)
    found_symbols: set[str] = set()
    found_refs: set[str] = set()

    def symbol(match: re.Match[str]) -> str:
        value = match.group().rstrip(".-")
        if not any(c.isdigit() for c in value):
            return match.group()
        (found_refs if _SPECIAL_SESSION.match(value) else found_symbols).add(value)
        return " "

    text = SYMBOL.sub(symbol, text)

    def reference(match: re.Match[str]) -> str:
        found_refs.add(match.group())
        return " "

    text = _REFERENCE.sub(reference, text)
    return frozenset(found_symbols), frozenset(found_refs), text


def symbols(text: str) -> frozenset[str]:
    """Document symbols (UNEP/EA.5/3, A/RES/66/288, CEB/2019/3/Add.2 …), special-session decisions excluded."""
    return _symbols_and_references(text)[0]


def references(text: str) -> frozenset[str]:
    """Resolution and decision references outside document symbols: 4/22, 26/1, 63/220, SS.VII/1."""
    return _symbols_and_references(text)[1]


def _canonical(integer: str, fraction: str | None) -> str:
    integer = str(int(integer))
    return integer if fraction is None else f"{integer}.{fraction}"


def _read_number(match: re.Match[str], lang: str) -> str:
    """One number as written in `lang` → its canonical form (digits, a point before any decimals)."""
    written = match.group("grouped") or match.group("decimal")
    if written:
        whole, decimal, fraction = written.partition(_DECIMAL[lang])
        return _canonical(re.sub(r"\D", "", whole), fraction if decimal else None)
    # Paragraph and target numbers (14.11, 7.1.2) are read as written in every language.
    dotted = match.group("dotted") or match.group("dotted_pair")
    if dotted:
        head, _, rest = dotted.partition(".")
        return f"{int(head)}.{rest}"
    return _canonical(match.group("plain"), None)


def _scaled(value: str, factor: int) -> str:
    try:
        scaled = Decimal(value) * factor
    except InvalidOperation:
        return value
    if scaled == scaled.to_integral_value():
        return str(int(scaled))
    return format(scaled.normalize(), "f")


@dataclass(frozen=True)
class Numbers:
    """The numbers of a text by value: `firm` ones, and `soft` ones written as ordinals in figures (26th, 26º)
    or, in Chinese, in Chinese numerals (十五), which the other languages may as well write as words."""

    firm: frozenset[str]
    soft: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.firm | self.soft


def read_numbers(text: str, lang: str, *, keep_codes: bool = False) -> Numbers:
    """The numbers of a text by value, read with the conventions of `lang`.

    Thousands separators (1,000 · 1 000 with U+00A0/U+202F · 1.000 in Spanish) and decimal
    commas are read as such; amounts with a magnitude word count by value (4 million =
    4 millions = 4 млн = 400万 = 4000000); Arabic-Indic digits are read as ASCII; the month
    of a Chinese date is left out, as the other languages write it as a word. Unless
    `keep_codes`, the numbers inside URLs, document symbols and resolution references are
    left out too (other checks compare those).
    """
    if keep_codes:
        text = normalise_digits(strip_markers(text))
    else:
        text = _symbols_and_references(text)[2]
    # U+00A0, U+202F and thin spaces group thousands alike, even mixed in one number.
    text = _DIGIT_SPACE.sub(" ", text)
    soft: set[str] = set()
    if lang == "zh":
        text = _ZH_MONTH.sub(" 月", text)
        soft.update(str(_zh_numeral(m.group())) for m in _ZH_NUMERAL.finditer(text))
    lang = lang if lang in _DECIMAL else "en"
    ordinal = _ORDINAL.get(lang)
    magnitudes = _MAGNITUDE_RE[lang]
    firm: set[str] = set()
    for match in _NUMBER[lang].finditer(text):
        end = match.end()
        value = _read_number(match, lang)
        for pattern, factor in magnitudes:
            if pattern.match(text, end):
                value = _scaled(value, factor)
                break
        is_ordinal = ordinal is not None and ordinal.match(text, end)
        # "1er décembre" is a date, not an ordinal.
        if is_ordinal and not (lang == "fr" and match.group() == "1" and text.startswith("er", end)):
            soft.add(value)
        else:
            firm.add(value)
    return Numbers(frozenset(firm), frozenset(soft - firm))


def number_values(text: str, lang: str, *, keep_codes: bool = False) -> frozenset[str]:
    """Every number of a text written in figures, by value (see `read_numbers`)."""
    numbers = read_numbers(text, lang, keep_codes=keep_codes)
    if lang != "zh":
        return numbers.all
    return numbers.firm


_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}


def _zh_numeral(numeral: str) -> int:
    """The value of a Chinese numeral below ten thousand: 十五 = 15, 二十六 = 26, 二〇二〇 = 2020."""
    if not any(ch in _ZH_UNIT for ch in numeral):
        return int("".join(str(_ZH_DIGIT[ch]) for ch in numeral))
    total = current = 0
    for ch in numeral:
        if ch in _ZH_UNIT:
            total += (current or 1) * _ZH_UNIT[ch]
            current = 0
        else:
            current = _ZH_DIGIT[ch]
    return total + current


def footnote_markers(text: str) -> list[str]:
    """The labels of the [^N] footnote references of a text, in order."""
    return FOOTNOTE_MARKER.findall(text)


SCRIPTS = {"en": "LATIN", "fr": "LATIN", "es": "LATIN", "ru": "CYRILLIC", "ar": "ARABIC", "zh": "CJK"}
_SCRIPT_LETTERS = {
    "LATIN": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
    "CYRILLIC": re.compile("[\u0400-\u052f]"),
    "ARABIC": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "CJK": re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"),
}
_LETTERS = re.compile(r"[^\W\d_]+")
# Upper-case Latin abbreviations and codes (UNEP, SP 4: EG, EA: A) are written the same in every script.
_LATIN_CODE = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9.\-]*[A-Z0-9](?![a-z])|(?<![A-Za-z])[A-Z](?![A-Za-z])")


def without_codes(text: str) -> str:
    """The text with footnote markers, URLs, document symbols and resolution references blanked."""
    return _symbols_and_references(text)[2]


def letters_outside_codes(text: str) -> str:
    """The letters of a text once URLs, symbols, references and Latin abbreviations are taken out."""
    return "".join(_LETTERS.findall(_LATIN_CODE.sub(" ", without_codes(text))))


def script_counts(letters: str) -> dict[str, int]:
    """How many of the letters are in each of the scripts of the six languages (OTHER: the rest)."""
    counts = {script: len(pattern.findall(letters)) for script, pattern in _SCRIPT_LETTERS.items()}
    counts["OTHER"] = len(letters) - sum(counts.values())
    return {script: n for script, n in counts.items() if n}


def script_of(text: str) -> str | None:
    """The dominant script of the letters in a text (LATIN, CYRILLIC, ARABIC, CJK, or OTHER)."""
    counts = script_counts("".join(_LETTERS.findall(text)))
    return max(counts, key=counts.__getitem__) if counts else None
