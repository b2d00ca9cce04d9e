"""Money and numerals: tables of (input -> expected) rows, grouped by where the form comes from.

parse_money rows: (text, currency, value, other Amount fields that must hold).
find_amounts rows: (text, [(span, currency, value), ...]) — the complete list expected.
"""
from decimal import Decimal as D

import pytest

from pipeline.extract.money import find_amounts, parse_money, parse_number
from pipeline.records import Amount

XF = pytest.mark.xfail(strict=True)


def m(text, currency, value, marks=(), **extra):
    return pytest.param(text, currency, None if value is None else D(value), extra, id=text, marks=marks)


# --- parse_money: one whole expression ----------------------------------------------

DIGITS = [
    m("1,000억 원", "KRW", "100000000000"),
    m("3.5조 원", "KRW", "3500000000000"),
    m("12,500,000원", "KRW", "12500000"),
    m("12500000원", "KRW", "12500000"),
    m("500원", "KRW", "500"),
    m("0.5달러", "USD", "0.5"),
    m("124.44달러", "USD", "124.44"),
    m("1천억원", "KRW", "100000000000"),
    m("5백만 달러", "USD", "5000000"),
    m("100 억원", "KRW", "10000000000"),
    m("2,326억 달러", "USD", "232600000000"),
    m("1.5억 달러", "USD", "150000000"),
]

SINO_KOREAN = [
    m("오천원", "KRW", "5000"),
    m("삼천사백오십육만원", "KRW", "34560000"),
    m("삼만 원", "KRW", "30000"),
    m("백만 달러", "USD", "1000000"),
    m("일억 원", "KRW", "100000000"),
    m("십억 달러", "USD", "1000000000"),
    m("천억 원", "KRW", "100000000000"),
    m("오십팔만천구백원", "KRW", "581900"),
    m("오십원", "KRW", "50"),
    m("삼점오달러", "USD", "3.5"),
]

MIXED = [
    m("2천 만 달러", "USD", "20000000"),
    m("217억4천800만 원", "KRW", "21748000000"),
    m("1조6442억 원", "KRW", "1644200000000"),
    m("25조 6196억 원", "KRW", "25619600000000"),
    m("7조300억원", "KRW", "7030000000000"),
    m("5만 8200원", "KRW", "58200"),
    m("1억 2천만 원", "KRW", "120000000"),
    m("30억6천 만원", "KRW", "3060000000"),
    m("57억1000만위안", "CNY", "5710000000"),
    m("23억6,000만달러", "USD", "2360000000"),
    m("4조7000억엔", "JPY", "4700000000000"),
    m("1억1천만 달러", "USD", "110000000"),
    m("7억 5천만 달러", "USD", "750000000"),
    m("12만5000달러", "USD", "125000"),
]

NATIVE_IN_MONEY = [
    m("스무 달러", "USD", "20"),
    m("열 달러", "USD", "10"),
]

CURRENCIES = [
    m("100억 위안", "CNY", "10000000000"),
    m("300억 엔", "JPY", "30000000000"),
    m("50억 유로", "EUR", "5000000000"),
    m("10만 파운드", "GBP", "100000"),
    m("오만불", "USD", "50000"),
    m("10₩", "KRW", "10"),
    m("₩1,000", "KRW", "1000"),
    m("KRW 1,000", "KRW", "1000"),
    m("20 USD", "USD", "20"),
    m("1,000 RMB", "CNY", "1000"),
    m("100元", "CNY", "100"),
    m("500円", "JPY", "500"),
    m("10억 엔화", "JPY", "1000000000"),
    m("3억 위안화", "CNY", "300000000"),
    m("20만 홍콩달러", "HKD", "200000"),
    m("2억 스위스프랑", "CHF", "200000000"),
    m("미화 2억 달러", "USD", "200000000"),
    m("오십센트", "USD", "0.5"),
    m("80센트", "USD", "0.8"),
    m("삼달러사십오센트", "USD", "3.45"),
    m("5달러 50센트", "USD", "5.5"),
    m("2펜스", "GBP", "0.02"),
    m("칠파운드", "GBP", "7"),
]

QUALIFIERS = [
    m("약 5만 8200원", "KRW", "58200", approximate=True),
    m("약 217억4천800만 원", "KRW", "21748000000", approximate=True),
    m("5억 원 가량", "KRW", "500000000", approximate=True),
    m("3,000만 원가량", "KRW", "30000000", approximate=True),
    m("1억 원 정도", "KRW", "100000000", approximate=True),
    m("10여억 원", "KRW", "1000000000", approximate=True),
    m("1천여만 달러", "USD", "10000000", approximate=True),
    m("5억여 원", "KRW", "500000000", approximate=True),
    m("5억원 남짓", "KRW", "500000000", approximate=True),
    m("20달러 안팎", "USD", "20", approximate=True),
    m("대략 2조 원", "KRW", "2000000000000", approximate=True),
    m("100억원 내외", "KRW", "10000000000", approximate=True),
    m("2천 만 달러", "USD", "20000000", approximate=False),
]

RANGES = [
    m("2억4천만∼3억6천만원", "KRW", "240000000", min=D("240000000"), max=D("360000000")),
    m("3~5억 원", "KRW", "300000000", min=D("300000000"), max=D("500000000")),
    m("500~600억 원", "KRW", "50000000000", min=D("50000000000"), max=D("60000000000")),
    m("1.5~2조 원", "KRW", "1500000000000", min=D("1500000000000"), max=D("2000000000000")),
    m("3~5천만 원", "KRW", "30000000", min=D("30000000"), max=D("50000000")),
    m("100만~200만 달러", "USD", "1000000", min=D("1000000"), max=D("2000000")),
    m("30 - 40 달러", "USD", "30", min=D("30"), max=D("40")),
    m("15000원 - 20000원", "KRW", "15000", min=D("15000"), max=D("20000")),
    m("삼십달러 - 오십달러", "USD", "30", min=D("30"), max=D("50")),
    m("129~130달러", "USD", "129", min=D("129"), max=D("130")),
    m("$10-20 million", "USD", "10000000", min=D("10000000"), max=D("20000000")),
    m("$10 - $20", "USD", "10", min=D("10"), max=D("20")),
    m("1,000~2,000원", "KRW", "1000", min=D("1000"), max=D("2000")),
]

BOUNDS = [
    m("1,000억 원 이상", "KRW", "100000000000", bound="ge", min=D("100000000000"), max=None),
    m("3000원 초과", "KRW", "3000", bound="gt", min=D("3000")),
    m("1조원 이하", "KRW", "1000000000000", bound="le", max=D("1000000000000"), min=None),
    m("100만 달러 미만", "USD", "1000000", bound="lt", max=D("1000000")),
    m("최소 500억 달러", "USD", "50000000000", bound="ge", min=D("50000000000")),
    m("최대 1조 원", "KRW", "1000000000000", bound="le", max=D("1000000000000")),
    m("10억원 이내", "KRW", "1000000000", bound="le", max=D("1000000000")),
    m("1조원 넘게", "KRW", "1000000000000", bound="gt", min=D("1000000000000")),
    m("140달러이상", "USD", "140", bound="ge"),
]

LEVELS = [
    m("7조원대", "KRW", "7000000000000", level=True),
    m("2,000억 원대", "KRW", "200000000000", level=True),
    m("5만 원대", "KRW", "50000", level=True),
    m("100달러대", "USD", "100", level=True),
]

VAGUE = [
    m("수백억 원", "KRW", None, vague=True),
    m("수천억 원", "KRW", None, vague=True),
    m("수십억 달러", "USD", None, vague=True),
    m("수억 원", "KRW", None, vague=True),
    m("몇백만 원", "KRW", None, vague=True),
    m("수천만달러", "USD", None, vague=True),
    m("십수억 원", "KRW", None, vague=True, min=None),
    m("수 백억 원", "KRW", None, vague=True),
    m("수백억~수천억 원", "KRW", None, vague=True),
    m("1조 수천억 원", "KRW", None, vague=True, min=D("1000000000000")),
    m("수조 원대", "KRW", None, vague=True, level=True),
]

ENGLISH_STYLE = [
    m("$20 million", "USD", "20000000"),
    m("USD 1.5 billion", "USD", "1500000000"),
    m("US$ 3.2 billion", "USD", "3200000000"),
    m("US$5", "USD", "5"),
    m("$50bn", "USD", "50000000000"),
    m("$20M", "USD", "20000000"),
    m("€1.2bn", "EUR", "1200000000"),
    m("£2.5m", "GBP", "2500000"),
    m("EUR 35", "EUR", "35"),
    m("EUR49.50", "EUR", "49.5"),
    m("RMB 100 million", "CNY", "100000000"),
    m("1.5 billion USD", "USD", "1500000000"),
    m("HK$ 100", "HKD", "100"),
    m("$1,200", "USD", "1200"),
    m("20 million 달러", "USD", "20000000", marks=XF),   # English scale before a Korean currency word
]

EQUIVALENTS = [
    m("3천 만 달러(약 401억2천500만 원)", "USD", "30000000", krw_equivalent=D("40125000000")),
    m("49달러(한화 약 5만 8200원)", "USD", "49", krw_equivalent=D("58200")),
    m("80억 위안(약 1조5128억 원)", "CNY", "8000000000", krw_equivalent=D("1512800000000")),
    m("220조원(미화 2,326억 달러)", "KRW", "220000000000000", krw_equivalent=None),
]

ALL_PARSE = (DIGITS + SINO_KOREAN + MIXED + NATIVE_IN_MONEY + CURRENCIES + QUALIFIERS + RANGES + BOUNDS
             + LEVELS + VAGUE + ENGLISH_STYLE + EQUIVALENTS)


@pytest.mark.parametrize("text,currency,value,extra", ALL_PARSE)
def test_parse_money(text, currency, value, extra):
    a = parse_money(text)
    assert isinstance(a, Amount)
    assert (a.currency, a.value) == (currency, value)
    for field, want in extra.items():
        assert getattr(a, field) == want, field
    assert a.value is None or isinstance(a.value, D)


NOT_A_MONEY_EXPRESSION = ["", "2만명", "100개", "3개월", "277%", "8~10월", "원", "달러", "1,000주", "4차",
                          "10달러-20원", "2조억원", "이삼원"]


@pytest.mark.parametrize("text", NOT_A_MONEY_EXPRESSION)
def test_parse_money_rejects(text):
    assert parse_money(text) is None


# --- find_amounts: running text -------------------------------------------------------

def f(text, *amounts, marks=()):
    return pytest.param(text, [(s, c, None if v is None else D(v)) for s, c, v in amounts], id=text[:40], marks=marks)


NOT_MONEY = [
    f("올해 7월 베트남에서 3만명의 SW 개발자를 직접 길러내겠다고 밝혔다."),
    f("반도체 100개 기업이 참여했다"),
    f("8~10월 3개월 간 투자했다"),
    f("최근 4개월 사이 수 백여건의 실험을 진행했다"),
    f("4차 산업혁명 시대"),
    f("700여명이 참석했다"),
    f("영업이익이 277% 늘었다"),
    f("2024년 3월 5일"),
    f("삼성전자(005930) 주가"),
    f("하나금융투자 연구원은"),
    f("1,000주를 매입했다"),
    f("3억 주를 발행한다"),
    f("원익IPS는 반도체 장비 기업이다"),
    f("3원칙을 세웠다"),
    f("극장은 만원이었다"),
    f("사드 3불 정책"),
    f("2엔진 항공기"),
    f("20만 위안부 피해자"),
    f("이 달러 강세는 오래가지 않는다"),
    f("사업 이원화 전략"),
    f("구원 투수"),
    f("5G 원격 진료"),
    f("2.5배 증가"),
]

# One-word Hangul numerals glued to a currency word that are ordinary words
# (configs/currencies.yaml: after_single_digit, word_like).
NOT_MONEY_ONE_WORD = [
    f("이불을 덮고 잤다"),
    f("같은 이유로 반대했다"),
    f("개인 사유로 사임했다"),
    f("사원 이상 직급"),
    f("사원에 들렀다"),
    f("우리 팀의 일원이 됐다"),
    f("그를 구원했다"),
    f("경기장은 만원을 이뤘다"),
    f("만원 관중 앞에서"),
    f("천원 지점"),
    f("이점이 있다"),
    f("이엔셀과 협력"),
    f("이 달러 이하로"),
    f("만 달러를 냈다"),      # a lone multiplier apart from its currency word and no qualifier
]

# Headline amounts without 원 need a money word after them (configs/currencies.yaml: bare_amounts).
NOT_MONEY_BARE = [
    f("인구 14억 시장"),
    f("1억 화소 카메라"),
    f("3억 주를 발행한다"),
    f("1조 투자자 모집"),
    f("10억 명이 쓴다"),
]

IN_TEXT = [
    f("소니는 일본 배터리업체인 '에코셀'에 3천 만 달러(약 401억2천500만 원)의 투자를 확정했다.",
      ("3천 만 달러", "USD", "30000000"), ("약 401억2천500만 원", "KRW", "40125000000")),
    f("향후 3년간 로봇 산업 육성에 80억 위안(약 1조5128억 원)을 투입하겠다고 밝혔다.",
      ("80억 위안", "CNY", "8000000000"), ("약 1조5128억 원", "KRW", "1512800000000")),
    f("앱 가격은 49달러(한화 약 5만 8200원)다.",
      ("49달러", "USD", "49"), ("한화 약 5만 8200원", "KRW", "58200")),
    f("한화는 5000억 원을 투자한다.", ("5000억 원", "KRW", "500000000000")),
    f("총 1,000억 원 규모의 펀드", ("1,000억 원", "KRW", "100000000000")),
    f("매출7조원대를 기록", ("7조원대", "KRW", "7000000000000")),
    f("1달러당 1,300원에 거래됐다", ("1,300원", "KRW", "1300")),
    f("배럴당 86불 이상의 가격", ("86불 이상", "USD", "86")),
    f("리터당 2펜스(4센트)의 유류세", ("2펜스", "GBP", "0.02"), ("4센트", "USD", "0.04")),
    f("가용 자금이 7200만달러라고 밝혔다", ("7200만달러", "USD", "72000000")),
    f("Nvidia는 $20 million을 투자했다", ("$20 million", "USD", "20000000")),
    f("USD 1.5 billion 규모의 채권", ("USD 1.5 billion", "USD", "1500000000")),
    f("투자 규모는 수백억 원에 이른다", ("수백억 원", "KRW", None)),
    f("50달러나 75달러 이상이 되며", ("50달러", "USD", "50"), ("75달러 이상", "USD", "75")),
    f("20억달러(약 2조억원)에 달할", ("20억달러", "USD", "2000000000")),
    f("주당 5만8000원에 마감했다", ("5만8000원", "KRW", "58000")),
    f("2024년 매출 3000억원, 영업이익 200억원", ("3000억원", "KRW", "300000000000"),
      ("200억원", "KRW", "20000000000")),
    f("3억원에서 5억원으로 늘었다", ("3억원", "KRW", "300000000"), ("5억원", "KRW", "500000000")),
    f("지분 51%를 2억 유로에 인수했다", ("2억 유로", "EUR", "200000000")),
    f("이천 원짜리 커피", ("이천 원", "KRW", "2000")),
    f("약 천 달러를 냈다", ("약 천 달러", "USD", "1000")),
    f("스무 달러를 냈다", ("스무 달러", "USD", "20"), marks=XF),            # native numerals are not scanned
    f("3억원에서 5억원 사이", ("3억원에서 5억원 사이", "KRW", "300000000"), marks=XF),  # 에서…사이 ranges
    f("일금 오십만원정", ("오십만원", "KRW", "500000"), marks=XF),           # 원정 (formal receipts)
]


# Duckling's one-word and 점-decimal numerals, as running text.
ONE_WORD_IN_TEXT = [
    f("가격은 십달러다", ("십달러", "USD", "10")),
    f("만불을 받았다", ("만불", "USD", "10000")),
    f("요금은 십센트였다", ("십센트", "USD", "0.1")),
    f("입장료가 구파운드로 올랐다", ("구파운드", "GBP", "9")),
    f("커피가 이달러이십삼센트", ("이달러이십삼센트", "USD", "2.23")),
    f("이불이십삼센트에 팔렸다", ("이불이십삼센트", "USD", "2.23")),
    f("일점이삼달러에 거래됐다", ("일점이삼달러", "USD", "1.23")),
    f("일쩜이삼불 정도", ("일쩜이삼불 정도", "USD", "1.23")),
    f("이십구점구구유로짜리", ("이십구점구구유로", "EUR", "29.99")),
    f("백원짜리 동전", ("백원", "KRW", "100")),
    f("만원 이하의 상품", ("만원 이하", "KRW", "10000")),
    f("약 만원을 냈다", ("약 만원", "KRW", "10000")),
    f("십달러 - 이십달러 사이", ("십달러 - 이십달러", "USD", "10")),
    f("십달러 이상이다", ("십달러 이상", "USD", "10")),
]

# Real-news forms: the copula after a vowel, headline amounts without 원.
NEWS_FORMS = [
    f("최소 투자금은 45만달러다", ("45만달러", "USD", "450000")),
    f("작년 매출은 22억 달러다.", ("22억 달러", "USD", "2200000000")),
    f("공모가는 주당 12파운드다", ("12파운드", "GBP", "12")),
    f("반도체 상생 기금 500억 조성", ("500억", "KRW", "50000000000")),
    f("6200억 투자해 연내 착공", ("6200억", "KRW", "620000000000")),
    f("1조2000억 투입", ("1조2000억", "KRW", "1200000000000")),
    f("연매출 20조 간다", ("20조", "KRW", "20000000000000"), marks=XF),   # no money word after it
    f("사업비는 3,500억 코루나, 우리 돈으로 약 22조원입니다.", ("3,500억 코루나", "CZK", "350000000000"),
      ("약 22조원", "KRW", "22000000000000")),
    # scraped copy with no space after a full stop: the figure starts the next sentence
    f("공장을 짓기로 했다.1500억원이 들어간다.", ("1500억원", "KRW", "150000000000")),
    f("계약을 맺었다.2조3000억원 규모다.", ("2조3000억원", "KRW", "2300000000000")),
    f("금리는 3.5%, 대출 한도는 1.2억원이다.", ("1.2억원", "KRW", "120000000")),   # a decimal point stays one
]


@pytest.mark.parametrize("text,expected", NOT_MONEY + NOT_MONEY_ONE_WORD + NOT_MONEY_BARE + IN_TEXT
                         + ONE_WORD_IN_TEXT + NEWS_FORMS)
def test_find_amounts(text, expected):
    found = find_amounts(text)
    assert [(a.text, a.currency, a.value) for a in found] == expected
    for a in found:
        assert text[a.start:a.end] == a.text


def test_equivalent_links_first_amount():
    a, b = find_amounts("에코셀에 3천 만 달러(약 401억2천500만 원)의 투자")
    assert a.krw_equivalent == D("40125000000") and b.krw_equivalent is None
    assert b.approximate and not a.approximate


def test_equivalent_in_krw_first_is_not_linked():
    a, b = find_amounts("약 220조원(미화 2,326억 달러)에 이르며")
    assert (a.currency, b.currency) == ("KRW", "USD")
    assert a.krw_equivalent is None and b.krw_equivalent is None


def test_offsets_are_code_points_into_the_text():
    text = "ＡＩ 펀드 🚀 에 300억 엔을 댄다"
    (a,) = find_amounts(text)
    assert text[a.start:a.end] == "300억 엔" == a.text


# --- parse_number ---------------------------------------------------------------------

def n(text, value, marks=()):
    return pytest.param(text, None if value is None else D(value), id=text or "empty", marks=marks)


NUMBERS = [
    # digits
    n("1,000", "1000"), n("3.5", "3.5"), n("27,350,000", "27350000"), n("0", "0"), n("-12", "-12"),
    # Sino-Korean
    n("오십팔만천구백", "581900"), n("일점이삼", "1.23"), n("삼천이백오억칠천육백만사천이백일", "320576004201"),
    n("만", "10000"), n("일만", "10000"), n("이억삼", "200000003"), n("영", "0"), n("오분의이", "0.4"),
    n("마이너스 7", "-7"),
    # mixed
    n("217억4천800만", "21748000000"), n("2천 만", "20000000"), n("1조6442억", "1644200000000"),
    n("25조 6196억", "25619600000000"), n("7조300억", "7030000000000"), n("1,000억", "100000000000"),
    n("3.5조", "3500000000000"), n("5만 8200", "58200"), n("1/4", "0.25"),
    # native
    n("스물", "20"), n("쉰둘", "52"), n("마흔두", "42"), n("열두", "12"), n("십둘", "12"), n("아흔아홉", "99"),
    n("하나", "1"),
    # not numerals
    n("", None), n("이삼", None), n("2조억", None), n("2 3", None), n("만명", None), n("10여억", None),
    n("천백천", None), n("스물쉰", None),
]


@pytest.mark.parametrize("text,value", NUMBERS)
def test_parse_number(text, value):
    assert parse_number(text) == value
