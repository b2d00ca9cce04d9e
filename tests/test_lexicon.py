"""The organisation lexicon (configs/organizations/) and the Kiwi user dictionary generated from it."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pipeline.extract.organizations.lexicon import LexiconError, OrganizationLexicon, load_lexicon, surface_key

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "configs" / "organizations"
USER_DICTIONARY = ROOT / "models" / "user_dictionary.tsv"


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_user_dictionary = _load_script("build_user_dictionary")


@pytest.fixture(scope="module")
def lexicon() -> OrganizationLexicon:
    return load_lexicon()


# ---- alias resolution: surface -> canonical ------------------------------------------------------
ALIAS_ROWS = {
    "short forms news uses": [
        ("현대차", "현대자동차"),
        ("LG엔솔", "LG에너지솔루션"),
        ("MS", "마이크로소프트"),
        ("ms", "마이크로소프트"),
        ("Microsoft", "마이크로소프트"),
        ("하이닉스", "SK하이닉스"),
        ("SKT", "SK텔레콤"),
        ("한전", "한국전력공사"),
        ("배민", "우아한형제들"),
        ("배달의민족", "우아한형제들"),
        ("대우조선해양", "한화오션"),
    ],
    "listing names absorbed by curated full names": [
        ("NAVER", "네이버"),
        ("삼성에스디에스", "삼성SDS"),
        ("기업은행", "IBK기업은행"),
        ("신한지주", "신한금융지주"),
        ("KB금융", "KB금융지주"),
        ("한국전력", "한국전력공사"),
        ("LG씨엔에스", "LG CNS"),
        ("Hyundai Motor", "현대자동차"),
    ],
    "case, spaces and full-width forms are ignored": [
        ("삼성 전자", "삼성전자"),
        ("sk hynix", "SK하이닉스"),
        ("ＬＧ전자", "LG전자"),
        ("네이버 클라우드", "네이버클라우드"),
        ("LGu+", "LG유플러스"),
    ],
    "universities": [
        ("칭화대학교", "칭화대"),
        ("칭화대", "칭화대"),
        ("서울대학교", "서울대"),
        ("스탠포드대", "스탠퍼드대"),
        ("Stanford University", "스탠퍼드대"),
        ("북경대", "베이징대"),
        ("카이스트", "KAIST"),
        ("한국과학기술원", "KAIST"),
        ("포항공대", "포스텍"),
        ("매사추세츠공대", "MIT"),
    ],
    "institutes, banks and investors": [
        ("ETRI", "한국전자통신연구원"),
        ("화학연", "한국화학연구원"),
        ("산업은행", "KDB산업은행"),
        ("국민연금", "국민연금공단"),
        ("세콰이어캐피탈", "세쿼이아캐피털"),
        ("비전펀드", "소프트뱅크비전펀드"),
        ("JP모간", "JP모건"),
    ],
    "groups": [
        ("삼성그룹", "삼성"),
        ("현대자동차그룹", "현대차그룹"),
        ("LG그룹", "LG"),
        ("알리바바그룹", "알리바바"),
    ],
    "global companies": [
        ("구글", "구글"),
        ("Nvidia", "엔비디아"),
        ("훙하이", "폭스콘"),
        ("TSMC", "TSMC"),
        ("PSA", "PSA그룹"),
        ("벤츠", "메르세데스벤츠"),
        ("페이스북", "메타"),
    ],
}


@pytest.mark.parametrize("surface,canonical",
                         [row for rows in ALIAS_ROWS.values() for row in rows],
                         ids=[f"{group}:{row[0]}" for group, rows in ALIAS_ROWS.items() for row in rows])
def test_alias_resolves_to_canonical(lexicon, surface, canonical):
    entry = lexicon.lookup(surface)
    assert entry is not None, surface
    assert entry.canonical == canonical
    assert lexicon.canonical(surface) == canonical


TYPE_ROWS = [
    ("칭화대", "university", "CN", False),
    ("한국전자통신연구원", "institute", "KR", False),
    ("산업통상자원부", "government", "KR", True),
    ("한국은행", "bank", "KR", True),
    ("세계보건기구", "international", "INT", True),
    ("LG", "group", "KR", False),
    ("블랙록", "investor", "US", False),
    ("현대자동차", "company", "KR", False),
]


@pytest.mark.parametrize("surface,type_,country,public_body", TYPE_ROWS)
def test_entry_type_country_and_public_body(lexicon, surface, type_, country, public_body):
    entry = lexicon.lookup(surface)
    assert (entry.type, entry.country, entry.public_body) == (type_, country, public_body)


def test_listed_company_keeps_market_and_code(lexicon):
    entry = lexicon.lookup("현대차")
    assert entry.market == "KOSPI" and entry.code == "005380"
    assert "krx.jsonl:현대차" in entry.merged_from


# ---- not organisations ----------------------------------------------------------------------------
NON_ORGANIZATION_ROWS = [
    ("클로바", "product"),
    ("빅스비", "product"),
    ("애저", "service"),
    ("카카오 아이", "service"),
    ("카카오i", "service"),
    ("시리", "product"),
    ("알렉사", "product"),
    ("갤럭시", "brand"),
    ("아이폰", "product"),
    ("챗GPT", "ai_model"),
    ("제미나이", "ai_model"),
    ("미국", "country"),
    ("중국", "country"),
    ("베이징", "city"),
    ("실리콘밸리", "region"),
    ("코스피", "stock_market"),
    ("나스닥", "stock_market"),
    ("인플레이션감축법", "law"),
    ("CES", "event"),
]


@pytest.mark.parametrize("surface,kind", NON_ORGANIZATION_ROWS)
def test_non_organizations_are_not_organizations(lexicon, surface, kind):
    assert lexicon.is_non_organization(surface) == kind
    assert lexicon.lookup(surface) is None


@pytest.mark.parametrize("surface", ["삼성전자", "칭화대", "산업통상자원부", "서울시"])
def test_organizations_are_not_non_organizations(lexicon, surface):
    assert lexicon.is_non_organization(surface) is None


@pytest.mark.parametrize("surface", ["가나다라테크", "없는회사", ""])
def test_unknown_names(lexicon, surface):
    assert lexicon.lookup(surface) is None
    assert lexicon.canonical(f" {surface} ") == surface


# ---- names that are also ordinary words ------------------------------------------------------------
NEEDS_CONTEXT_ROWS = {
    "listed names that are common words (generated)": [
        ("대상", True), ("미래산업", True), ("레몬", True), ("삼일", True), ("DB", True),
    ],
    "ambiguous aliases of unambiguous entries (curated)": [
        ("토스", True), ("비바리퍼블리카", False), ("국민연금", True), ("국민연금공단", False),
        ("산은", True), ("KDB산업은행", False),
    ],
    "places that are also local governments": [("서울시", True), ("경기도", True)],
    "plain organisation names": [
        ("삼성전자", False), ("기아", False), ("LG", False), ("SK텔레콤", False), ("한글과컴퓨터", False),
    ],
}


@pytest.mark.parametrize("surface,needs_context",
                         [row for rows in NEEDS_CONTEXT_ROWS.values() for row in rows],
                         ids=[f"{g}:{r[0]}" for g, rows in NEEDS_CONTEXT_ROWS.items() for r in rows])
def test_needs_context(lexicon, surface, needs_context):
    assert lexicon.needs_context(surface) is needs_context


def test_every_context_flag_of_a_listed_company_says_why(lexicon):
    for entry in lexicon.entries:
        if entry.needs_context:
            assert entry.context_reason, entry.canonical


# ---- loading, merging and conflicts ---------------------------------------------------------------
def test_load_is_cached():
    assert load_lexicon() is load_lexicon()
    assert load_lexicon(CONFIG_DIR) is load_lexicon()


def test_conflicts_are_deterministic_and_honoured():
    a = OrganizationLexicon.from_directory(CONFIG_DIR)
    b = OrganizationLexicon.from_directory(CONFIG_DIR)
    assert a.conflicts() == b.conflicts()
    for c in a.conflicts():
        entry = a.lookup(c.key)
        if c.winner.startswith("non-organisation:"):
            assert entry is None and a.is_non_organization(c.key)
        elif entry is not None:
            assert entry.canonical == c.winner


def test_every_surface_resolves_to_its_entry_or_a_listed_conflict(lexicon):
    conflicted = {c.key for c in lexicon.conflicts()}
    for entry in lexicon.entries:
        for s in entry.surfaces:
            if surface_key(s) not in conflicted:
                assert lexicon.lookup(s) is entry, s


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _org(canonical, aliases=(), country="KR", **extra):
    return {"canonical": canonical, "aliases": list(aliases), "type": "company", "country": country,
            "needs_context": False, **extra}


@pytest.fixture()
def small_lexicon(tmp_path) -> OrganizationLexicon:
    _write_jsonl(tmp_path / "krx.jsonl", [
        _org("현대차", ["Hyundai Motor"], market="KOSPI", code="005380"),
        _org("알파", ["ALPHA"]),
        _org("베타", ["ALPHA"]),
        _org("델타"),
    ])
    _write_jsonl(tmp_path / "curated.jsonl", [
        _org("현대자동차", ["현대차"]),
        _org("알파", country="US"),
        _org("감마"),
    ])
    _write_jsonl(tmp_path / "non_organizations.jsonl", [
        {"name": "델타", "kind": "product"},
        {"name": "감마", "kind": "brand"},
    ])
    return OrganizationLexicon.from_directory(tmp_path)


# (surface, expected canonical or None, expected non-organisation kind or None, why)
RESOLUTION_ROWS = [
    ("현대차", "현대자동차", None, "curated entry naming a listed canonical absorbs it"),
    ("Hyundai Motor", "현대자동차", None, "the absorbed entry's aliases come along"),
    ("ALPHA", "베타", None, "an alias on two listed names: smaller canonical wins"),
    ("알파", "알파", None, "same name abroad is not merged; curated file wins"),
    ("델타", None, "product", "a generated name that is also a non-organisation is not one"),
    ("감마", "감마", None, "a curated organisation beats a non-organisation"),
]


@pytest.mark.parametrize("surface,canonical,kind,why", RESOLUTION_ROWS, ids=[r[3] for r in RESOLUTION_ROWS])
def test_resolution_rules(small_lexicon, surface, canonical, kind, why):
    entry = small_lexicon.lookup(surface)
    assert (entry.canonical if entry else None) == canonical
    assert small_lexicon.is_non_organization(surface) == kind


def test_resolution_details(small_lexicon):
    merged = small_lexicon.lookup("현대차")
    assert (merged.market, merged.code, merged.source) == ("KOSPI", "005380", "curated.jsonl+krx.jsonl")
    assert small_lexicon.lookup("알파").country == "US"
    keys = {c.key for c in small_lexicon.conflicts()}
    assert {"alpha", "알파", "델타", "감마"} <= keys


@pytest.mark.parametrize("row,message", [
    ({"canonical": "가", "type": "company"}, "missing country"),
    ({"canonical": "가", "type": "spaceship", "country": "KR"}, "unknown type"),
    ({"canonical": "가", "type": "company", "country": "KR", "aliases": "나"}, "aliases must be a list"),
])
def test_invalid_rows_are_rejected(tmp_path, row, message):
    _write_jsonl(tmp_path / "curated.jsonl", [row])
    with pytest.raises(LexiconError, match=message):
        OrganizationLexicon.from_directory(tmp_path)


# ---- the user dictionary ---------------------------------------------------------------------------
def test_user_dictionary_rows_skip_ordinary_words(lexicon):
    words = {w for w, _, _ in lexicon.user_dictionary_rows()}
    assert {"PSA그룹", "LG에너지솔루션", "네이버 클라우드"} <= words
    assert not {"대상", "미래산업", "토스", "서울시"} & words
    assert all(tag == "NNP" for _, tag, _ in lexicon.user_dictionary_rows())


def test_committed_user_dictionary_is_well_formed(lexicon):
    text = USER_DICTIONARY.read_text(encoding="utf-8")
    assert text.startswith("#") and "GENERATED" in text.splitlines()[1]
    rows = build_user_dictionary.read_user_dictionary(USER_DICTIONARY)
    assert rows == sorted(rows)
    assert len({w for w, _, _ in rows}) == len(rows)
    for word, tag, _ in rows:
        assert tag == "NNP"
        assert lexicon.lookup(word) is not None and not lexicon.needs_context(word), word


def test_committed_user_dictionary_matches_its_sources():
    """Drift: models/user_dictionary.tsv is exactly what the generator makes from configs/ now."""
    expected = build_user_dictionary.generate_user_dictionary(CONFIG_DIR)
    assert USER_DICTIONARY.read_text(encoding="utf-8") == expected, \
        "stale: run scripts/build_user_dictionary.py"


# ---- the probes the generator uses ------------------------------------------------------------------
@pytest.mark.parametrize("surface,sound", [
    ("삼성", "consonant"), ("카카오", "vowel"), ("구글", "rieul"), ("SK", "vowel"), ("HMM", "consonant"),
    ("LG에너지솔루션", "consonant"), ("3M", "consonant"), ("E1", "rieul"), ("S-Oil", "rieul"),
])
def test_final_sound_picks_the_particle_form(surface, sound):
    assert build_user_dictionary.final_sound(surface) == sound


def test_probe_sentences_use_matching_particles():
    sentences = [t for t, _ in build_user_dictionary.probe_sentences("구글")]
    assert "구글은 협약을 맺었다." in sentences
    assert "이 회사는 구글로부터 투자를 유치했다." in sentences


@pytest.fixture(scope="module")
def kiwi():
    return build_user_dictionary.new_kiwi(1)


@pytest.mark.parametrize("name,ordinary", [
    ("대상", True), ("미래산업", True), ("레몬", True), ("A", True),
    ("삼성전자", False), ("가온칩스", False), ("셀트리온", False),
])
def test_ordinary_word_detection(kiwi, name, ordinary):
    reason = build_user_dictionary.ordinary_word_reasons(kiwi, [name])[name]
    assert (reason is not None) is ordinary, reason
