"""Dates: finding expressions, resolving them against a fixed publication date, datelines."""
from datetime import date

import pytest

from pipeline.extract.dates import DateMention, find_dates, find_published, resolve_date

JAN = date(2024, 1, 10)    # a Wednesday early in a (leap) year: tests year roll-back
NOV = date(2024, 11, 20)   # late in the year: tests roll-forward
XF = pytest.mark.xfail(strict=True)


def r(expr, published, first, last=None, past=None, marks=()):
    expected = None if first is None else (date.fromisoformat(first), date.fromisoformat(last or first))
    return pytest.param(expr, published, past, expected, id=f"{expr}@{published}{'' if past is None else past}",
                        marks=marks)


RESOLVE = [
    # months with 지난/오는: roll over the year boundary
    r("지난 11월", JAN, "2023-11-01", "2023-11-30"),
    r("지난 1월", JAN, "2024-01-01", "2024-01-31"),
    r("지난 12월 12일", JAN, "2023-12-12"),
    r("지난 8~10월", JAN, "2023-08-01", "2023-10-31"),
    r("오는 3월", JAN, "2024-03-01", "2024-03-31"),
    r("오는 3월", NOV, "2025-03-01", "2025-03-31"),
    r("오는 1월 5일", NOV, "2025-01-05"),
    r("지난 11월", NOV, "2024-11-01", "2024-11-30"),
    # relative months
    r("지난달", JAN, "2023-12-01", "2023-12-31"),
    r("지난 달", JAN, "2023-12-01", "2023-12-31"),
    r("지난 달 말", JAN, "2023-12-21", "2023-12-31"),
    r("지난달 14일", JAN, "2023-12-14"),
    r("이달 초", JAN, "2024-01-01", "2024-01-10"),
    r("다음 달", JAN, "2024-02-01", "2024-02-29"),
    r("내달 중순", JAN, "2024-02-11", "2024-02-20"),
    r("다음 달", NOV, "2024-12-01", "2024-12-31"),
    r("내달", date(2024, 12, 15), "2025-01-01", "2025-01-31"),
    # years, halves, quarters, parts of the year
    r("올해", JAN, "2024-01-01", "2024-12-31"),
    r("내년", JAN, "2025-01-01", "2025-12-31"),
    r("지난해", JAN, "2023-01-01", "2023-12-31"),
    r("올 하반기", JAN, "2024-07-01", "2024-12-31"),
    r("상반기", JAN, "2024-01-01", "2024-06-30"),
    r("작년 4분기", JAN, "2023-10-01", "2023-12-31"),
    r("3분기", JAN, "2024-07-01", "2024-09-30"),
    r("1·4분기", JAN, "2024-01-01", "2024-03-31"),
    r("지난 3분기", JAN, "2023-07-01", "2023-09-30"),
    r("지난해 말", JAN, "2023-11-01", "2023-12-31"),
    r("내년 초", JAN, "2025-01-01", "2025-02-28"),
    r("연말", JAN, "2024-11-01", "2024-12-31"),
    r("연내", JAN, "2024-01-10", "2024-12-31"),
    r("올 3월", JAN, "2024-03-01", "2024-03-31"),
    r("내년 3월", JAN, "2025-03-01", "2025-03-31"),
    r("2023~2024년", JAN, "2023-01-01", "2024-12-31"),
    r("1990년대", JAN, "1990-01-01", "1999-12-31"),
    r("지난 2020년", JAN, "2020-01-01", "2020-12-31"),
    # absolute
    r("2024년 3월 5일", JAN, "2024-03-05"),
    r("2024.03.05", JAN, "2024-03-05"),
    r("2024-03-05", JAN, "2024-03-05"),
    r("2024/3/5", JAN, "2024-03-05"),
    r("2023년 11월", JAN, "2023-11-01", "2023-11-30"),
    r("3월 말", JAN, "2024-03-21", "2024-03-31"),
    r("6월 21일-24일", JAN, "2024-06-21", "2024-06-24"),
    # bare months and days: publication year/month, rolled only by a known tense
    r("8~10월", JAN, "2024-08-01", "2024-10-31"),
    r("8~10월", JAN, "2023-08-01", "2023-10-31", past=True),
    r("14일", JAN, "2024-01-14"),
    r("14일", JAN, "2023-12-14", past=True),
    r("5일", JAN, "2024-02-05", past=False),
    r("5일", JAN, "2024-01-05", past=True),
    r("지난 14일", JAN, "2023-12-14"),
    r("지난 5일", JAN, "2024-01-05"),
    r("오는 5일", JAN, "2024-02-05"),
    r("오는 20일", JAN, "2024-01-20"),
    r("오는 5일", NOV, "2024-12-05"),
    r("31일", date(2024, 3, 10), "2024-01-31", past=True),   # February has no 31st
    r("지난 30일", date(2024, 3, 10), "2024-01-30"),
    r("지난 31일", date(2024, 4, 10), "2024-03-31"),
    r("31일", date(2024, 4, 10), None),
    r("지난 주말", JAN, "2024-01-06", "2024-01-07", marks=XF),  # weekends are not modelled
    # days and weeks around the publication date
    r("오늘", JAN, "2024-01-10"),
    r("어제", JAN, "2024-01-09"),
    r("내일", JAN, "2024-01-11"),
    r("지난주", JAN, "2024-01-01", "2024-01-07"),
    r("이번 주", JAN, "2024-01-08", "2024-01-14"),
    # not dates
    r("2월 30일", JAN, None),
    r("13월", JAN, None),
    r("3개월", JAN, None),
    r("하이얼", JAN, None),
    r("", JAN, None),
]


@pytest.mark.parametrize("expr,published,past,expected", RESOLVE)
def test_resolve_date(expr, published, past, expected):
    assert resolve_date(expr, published, past=past) == expected


FIND = [
    ("지난 달 말 하이얼은 계획을 발표하고", ["지난 달 말"]),
    ("오포도 지난달 텐센트와의 제휴를 공식 발표했다.", ["지난달"]),
    ("징둥닷컴이 9~11월 3개월 간 투자하면서", ["9~11월"]),
    ("엔비디아는 지난 7월 바이두와 파트너십을 체결했다.", ["지난 7월"]),
    ("엔비디아는 올 하반기 투자를 결정했다", ["올 하반기"]),
    ("양사는 2024년 3월 5일 계약을 체결했다", ["2024년 3월 5일"]),
    ("오는 3월 출시할 예정이다", ["오는 3월"]),
    ("연내 상장을 추진한다", ["연내"]),
    ("3분기 실적이 개선됐다", ["3분기"]),
    ("내년 AI 생태계 조성에", ["내년"]),
    ("지난해 12월27일 발표", ["지난해 12월27일"]),
    ("1970년대부터 인체를", ["1970년대"]),
    ("3월 중국에서 열린", ["3월"]),
    ("지난달 말했다", ["지난달"]),
    ("14일(현지시간) 발표했다", ["14일"]),
    ("지난 4월 8일부터 5월 11일까지", ["지난 4월 8일", "5월 11일"]),
    pytest.param("다음 주 월요일 발표", ["다음 주 월요일"], marks=XF),   # weekdays are not modelled
    # not dates
    ("지난 6개월 동안 학습을 실시했다", []),
    ("2만명, 100개, 3개월, 4차", []),
    ("3일간 열린 행사", []),
    ("개봉 14일 만에", []),
    ("10일 후에 다시", []),
    ("10일 앞둔 시점", []),
    ("쌀 전달이 시작될 예정", []),
    ("이번 주주총회에서", []),
    ("오늘날 기업들은", []),
    ("이 달러 강세는", []),
    ("비가 올 것으로 보인다", []),
    ("13월의 보너스", []),
    ("2.5조 원", []),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_dates(text, expected):
    found = find_dates(text)
    assert [d.text for d in found] == expected
    for d in found:
        assert isinstance(d, DateMention) and text[d.start:d.end] == d.text


def test_find_dates_in_a_span_keeps_text_offsets():
    text = "올해 초 발표. 지난 7월 체결. 내년 출시."
    start = text.index("지난")
    (d,) = find_dates(text, start, text.index("체결"))
    assert (d.text, d.start) == ("지난 7월", start)


PUBLISHED = [
    ("입력 2024.03.05 10:21", date(2024, 3, 5)),
    ("기사입력 2024-03-05 10:21 | 수정 2024-03-06 09:00", date(2024, 3, 5)),
    ("수정 2024.03.06 08:00 입력 2024.03.05 17:00", date(2024, 3, 5)),
    ("등록 2024년 3월 5일 오후 3:21", date(2024, 3, 5)),
    ("송고시간 2024-03-05 10:21", date(2024, 3, 5)),
    ("홍길동 기자 2024-03-05 기사", date(2024, 3, 5)),
    ("제목\n2024.03.05 오후 3:21\n본문", date(2024, 3, 5)),
    ("올해 2024년 실적이 좋았다", None),
    ("입력 2024.13.05", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", PUBLISHED, ids=[t or "empty" for t, _ in PUBLISHED])
def test_find_published(text, expected):
    assert find_published(text) == expected
