"""Reading what a version's text holds by its language's conventions: numbers by value, symbols, references, URLs."""

from __future__ import annotations

import pytest

from cprdesk_core.versions.extract import number_values, read_numbers, references, script_of, symbols, urls


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        # The same amount and date in each language's own way of writing it.
        ("提供 400万美元，2011 年 2 月 24 日", "zh", {"4000000", "2011", "24"}),
        ("$4 million on 24 February 2011", "en", {"4000000", "2011", "24"}),
        ("4 millions de dollars le 24 février 2011", "fr", {"4000000", "2011", "24"}),
        ("4 millones de dólares el 24 de febrero de 2011", "es", {"4000000", "2011", "24"}),
        ("4 млн долл. США 24 февраля 2011 года", "ru", {"4000000", "2011", "24"}),
        ("4 ملايين دولار في ٢٤ شباط/فبراير ٢٠١١", "ar", {"4000000", "2011", "24"}),
        # Thousands separators and decimal commas.
        ("1\u00a0000\u202f000 personnes, 2,5 %", "fr", {"1000000", "2.5"}),
        ("1 000 000 человек, 2,5 процента", "ru", {"1000000", "2.5"}),
        ("1,000,000 people, 2.5 per cent", "en", {"1000000", "2.5"}),
        ("1.000.000 personas, 2,5 por ciento", "es", {"1000000", "2.5"}),
        ("1,000,000 شخص و٢٫٥ في المائة", "ar", {"1000000", "2.5"}),
        ("约 13,000 次，5 000 多万美元，7.6%", "zh", {"13000", "50000000", "7.6"}),
        # Billions, and a Chinese amount in 亿.
        ("1.5亿美元", "zh", {"150000000"}),
        ("$150 million", "en", {"150000000"}),
        ("1,5 milliard", "fr", {"1500000000"}),
        ("4 mil millones", "es", {"4000000000"}),
        # Years: 2020 年, 2020 г., 2020 года, ranges.
        ("2020-2022 年", "zh", {"2020", "2022"}),
        ("в 2020–2022 гг. и в 2019 г.", "ru", {"2019", "2020", "2022"}),
        # Paragraph and target numbers are read as written.
        ("第 14.11 段和目标 7.1", "zh", {"14.11", "7.1"}),
        ("paragraphe 14.11 et cible 7.1", "fr", {"14.11", "7.1"}),
        # A date in French begins with 1er.
        ("le 1er décembre 2020", "fr", {"1", "2020"}),
    ],
)
def test_numbers_are_read_by_value(text: str, lang: str, values: set[str]) -> None:
    assert number_values(text, lang) == values


def test_codes_are_not_numbers_unless_asked() -> None:
    text = "see UNEP/EA.5/3, resolution 4/22 and http://www.unemg.org/2010/ in 2011"
    assert number_values(text, "en") == {"2011"}
    assert {"5", "3", "4", "22", "2011"} <= number_values(text, "en", keep_codes=True)


def test_ordinals_in_figures_and_chinese_numerals_are_soft() -> None:
    assert read_numbers("26º período de sesiones", "es").soft == {"26"}
    assert read_numbers("the 5th meeting", "en").soft == {"5"}
    assert read_numbers("la 26e session", "fr").soft == {"26"}
    assert read_numbers("26-я сессия", "ru").soft == {"26"}
    zh = read_numbers("前十五大捐助方，第二十六届会议，二〇二〇年", "zh")
    assert zh.firm == frozenset() and {"15", "26", "2020"} <= zh.soft


def test_symbols_references_and_urls() -> None:
    text = ("见 UNEP/EA.5/3、A/RES/66/288、CEB/2019/3/Add.2 和 UNEP/EA.5/1/Rev.1；第 4/22 号决议、第 63/220 号决议、"
            "SS.VII/1 号决定；Governing Council/Global Forum 与 UNDP/UNEP；http://www.unemg.org/climateneutralun/。")
    assert symbols(text) == {"UNEP/EA.5/3", "A/RES/66/288", "CEB/2019/3/Add.2", "UNEP/EA.5/1/Rev.1"}
    assert references(text) == {"4/22", "63/220", "SS.VII/1"}
    assert urls(text) == {"http://www.unemg.org/climateneutralun/"}
    assert urls("The report is at http://www.example.org/a%20b.pdf.") == {"http://www.example.org/a%20b.pdf"}
    assert references("القرار ٤/٢٢") == {"4/22"}


def test_script() -> None:
    assert script_of("Renforcer la coopération") == "LATIN"
    assert script_of("تعزيز التعاون") == "ARABIC"
    assert script_of("Укрепление сотрудничества") == "CYRILLIC"
    assert script_of("加强全球环境基金的合作 UNEP") == "CJK"
