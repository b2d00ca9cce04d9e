"""The money grammar as regular expressions, built once from configs/.

One expression (`expr`) is:

    PRE  CORE  POST
    PRE  = [약|최대|…] [미화|한화…] [약…]
    CORE = SYMBOL NUM [SCALE] [SEP [SYMBOL] NUM [SCALE]]          $20 million, USD 1.5 billion, $10-$20
         | NUMV [CUR SEP NUMV | SEP NUMV] [SCALE] CUR [NUM 센트]   2억4천만∼3억6천만원, 100억 위안, 20 USD
    POST = [대] [가량|정도|…] [이상|미만|…]

and the scanner looks for `expr` optionally followed by `(expr)`, a converted equivalent.

Two flavours are built from the same pieces:
- scan (running text): numbers must not start inside a Hangul word; native numerals are
  left out, and a lone digit (이, 구) or a 점-decimal (일점이삼) is only tried written
  together with a currency word, because most of the time it is part of an ordinary word
  (이불, 이점). Which one-word numerals count is decided on the match (amounts.py, with
  `after_single_digit` and `word_like` of configs/currencies.yaml).
- whole (parse_money on a string known to be one expression): every numeral form.
The analysis pattern (named groups) is the whole flavour, run on spans the scanner found.
`bare` finds headline amounts without a currency word (500억 조성).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pipeline.config_files import load_config
from pipeline.extract.money.currencies import currency_table
from pipeline.korean.script import HANGUL_SYLLABLES

SP = r"[ \t\u00a0\u3000]?"
NOT_IN_WORD = f"(?<![{HANGUL_SYLLABLES}])"


def _alt(words) -> str:
    """Alternation of literals, longest first so that 원화 wins over 원."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _cls(chars) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@dataclass(frozen=True)
class Grammar:
    scan: re.Pattern        # finditer over an article: groups a (amount) and b (equivalent in parentheses)
    bare: re.Pattern | None  # finditer over an article: group `num`, an amount without its currency word
    whole_source: str       # the pattern of `whole`
    analysis: re.Pattern    # fullmatch over one expression span: named parts
    vague: re.Pattern       # fullmatch: a vague number (수백억, 1조 수천억) with group `head` (1조)
    cents_word: str

    @cached_property
    def whole(self) -> re.Pattern:
        """fullmatch over one expression: groups a and b. Only parse_money uses it, not extraction:
        compiled on first use (a quarter of the grammar's compile time, at every start)."""
        return re.compile(self.whole_source)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    num_cfg = load_config("numerals.yaml")
    cur = currency_table()

    digits_scan = _cls(num_cfg.scan_digits)
    mult = _cls(list(num_cfg.small_multipliers) + list(num_cfg.big_multipliers))
    yeo = re.escape(num_cfg.approx_infix)
    # not inside a figure (3.5, 1,160); a full stop after a word ends its sentence (결정했다.1160억원)
    arabic = r"(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    # atomic: a run of multipliers (천 만, 천만) is one piece; letting the engine split it
    # between units makes failing matches exponential
    multrun = f"(?>{mult}(?:{SP}{mult}){{0,5}})"

    # --- numbers -------------------------------------------------------------
    first_m = (f"(?:(?:{arabic}{SP}|{NOT_IN_WORD}{digits_scan}){multrun}|{NOT_IN_WORD}{multrun}){yeo}?")
    later_m = f"(?:{arabic}{SP}|{digits_scan})?{multrun}{yeo}?"
    bare_later = f"(?:{arabic}|{digits_scan}){yeo}?"
    # Atomic too (nothing that may follow a number starts with a numeral, so units once
    # taken are never given back), and at most a dozen units (삼천 이백 오억 칠천 육백만 …):
    # a long run of figures with no currency stays linear instead of quadratic.
    scan_plain = f"(?>{first_m}(?:{SP}{later_m}){{0,12}}(?:{SP}{bare_later})?|{arabic}{yeo}?)"

    # whole-string flavour: any run of numeral parts; numerals.parse_number validates it
    num_words = (list(num_cfg.sino_digits) + list(num_cfg.small_multipliers) + list(num_cfg.big_multipliers)
                 + list(num_cfg.native_units) + list(num_cfg.native_tens) + list(num_cfg.points)
                 + [num_cfg.approx_infix])
    num_token = f"(?:{arabic}|{_alt(num_words)})"
    num_whole = f"(?:{num_token}(?:{SP}{num_token})*)"

    vague = f"(?:{_alt(num_cfg.vague_heads)}{SP}{multrun}{yeo}?)"
    big_end = "(?<=" + _cls(num_cfg.big_multipliers) + ")"   # 1조 수천억: the exact head ends in 만/억/조

    # --- currencies ----------------------------------------------------------
    follow = f"(?:(?![{HANGUL_SYLLABLES}])|(?=" + _alt(cur.follow) + "))"
    # words with a list of continuations that make them something else (3불 정책)
    guarded = [f"{re.escape(w)}(?!{SP}{_alt(after)})" for w, after in cur.not_money_after.items()]
    plain = [w for w in cur.words if w not in cur.not_money_after]
    cur_word_bare = "(?:" + "|".join([_alt(plain)] + guarded) + ")"
    cur_word = cur_word_bare + follow
    after_codes = [w for w in cur.after if w.isalpha()]
    after_syms = [w for w in cur.after if not w.isalpha()]
    code_after = _alt(after_codes) + "(?![A-Za-z])"
    sym_after = _alt(after_syms)
    before = "(?<![A-Za-z0-9])" + _alt(cur.before)
    long_scales = [s for s in cur.scales if len(s) >= 2]
    short_scales = [s for s in cur.scales if len(s) < 2]
    scale = f"(?:{SP}{_alt(long_scales)}|{_alt(short_scales)})(?![A-Za-z])"

    # One-word and 점-decimal numerals only right before a currency word (the decimal is
    # tried first: 이십구점구구유로 must not stop at 이십구).
    glued = f"(?={cur_word_bare})"
    decimal = (f"{NOT_IN_WORD}{_cls(list(num_cfg.scan_digits) + list(num_cfg.small_multipliers))}+"
               f"{_cls(num_cfg.points)}{_cls(num_cfg.sino_digits)}+{glued}")
    lone_digit = f"{NOT_IN_WORD}{digits_scan}{glued}"
    num_scan = f"(?>{decimal}|{scan_plain}|{lone_digit})"
    seps = _alt(num_cfg.range_separators)
    cents_word = cur.cents_tail
    cents_figure = f"(?:{arabic}|{_cls(list(num_cfg.scan_digits) + list(num_cfg.small_multipliers))}+)"

    # --- qualifiers ----------------------------------------------------------
    approx_pre = NOT_IN_WORD + _alt(num_cfg.approx_prefix)
    bound_pre = NOT_IN_WORD + _alt(num_cfg.bound_prefix)
    approx_suf = _alt([w for w in num_cfg.approx_suffix if w != num_cfg.approx_infix])
    bound_suf = _alt(num_cfg.bound_suffix)
    level = re.escape(num_cfg.level_suffix) + "(?!" + "|".join(map(re.escape, num_cfg.level_not_followed_by)) + ")"
    all_markers = NOT_IN_WORD + _alt(cur.markers)
    out_markers = NOT_IN_WORD + _alt([m for m in cur.markers if m not in cur.paren_only_markers])

    def expr(num: str, markers: str, named: bool) -> str:
        def g(name: str, body: str) -> str:
            return f"(?P<{name}>{body})" if named else f"(?:{body})"
        numv = f"(?:{vague}|{num}(?:{big_end}{SP}{vague})?)"
        pre = (f"(?:{g('pre_q', approx_pre + '|' + bound_pre)}{SP})?"
               f"(?:{g('marker', markers)}{SP})?"
               f"(?:{g('pre_q2', approx_pre)}{SP})?")
        symbol_core = (f"{g('s_sym', before)}{SP}{g('s_lo', num)}{g('s_lo_scale', scale)}?"
                       f"(?:{SP}{seps}{SP}(?:{before}{SP})?{g('s_hi', num)}{g('s_hi_scale', scale)}?)?")
        any_cur = f"(?:{cur_word}|{code_after}|{sym_after})"
        # the cents figure follows a currency word, so it starts inside a Hangul "word" (이십삼 in 이달러이십삼센트)
        cents_num = num_whole if num is num_whole else cents_figure
        cents_tail = f"{SP}{cents_num}{SP}{re.escape(cents_word)}"
        # 삼달러사십오센트: a cents tail may follow the word with no particle in between
        final_cur = (f"(?:{g('k_cur', cur_word_bare + f'(?:{follow}|(?={cents_tail}))')}"
                     f"|{g('k_scale', scale)}?{SP}{g('k_code', code_after)}"
                     f"|{g('k_sym', sym_after)})")
        word_core = (f"{g('k_lo', numv)}{SP}"
                     f"(?:(?:{g('k_lo_cur', any_cur)}{SP})?{seps}{SP}{g('k_hi', numv)}{SP})?"
                     f"{final_cur}"
                     f"(?:{SP}{g('k_cents', cents_num)}{SP}{re.escape(cents_word)}{follow})?")
        post = (f"{g('level', level)}?"
                f"(?:{SP}{g('post_q', approx_suf)})?"
                f"(?:{SP}{g('bound', bound_suf)})?")
        return f"{pre}(?:{symbol_core}|{word_core}){post}"

    def two(num: str, close: str) -> str:
        return (f"(?P<a>{expr(num, out_markers, False)})"
                f"(?:{SP}[(（]{SP}(?P<b>{expr(num, all_markers, False)}){SP}{close})?")

    # Cheap first-character filter: most positions of a Korean text fail here.
    heads = set("0123456789") | set(num_cfg.scan_digits) | set(num_cfg.small_multipliers) \
        | set(num_cfg.big_multipliers) | {w[0] for w in cur.before} | {w[0] for w in num_cfg.vague_heads} \
        | {w[0] for w in num_cfg.approx_prefix} | {w[0] for w in num_cfg.bound_prefix} | {w[0] for w in cur.markers}
    scan = re.compile(f"(?={_cls(sorted(heads))}){two(num_scan, '(?=[)）,])')}")
    whole = two(num_whole, "[)）]")
    analysis = re.compile(expr(num_whole, all_markers, True))
    vague_split = re.compile(f"{vague}|(?P<head>{num_whole}){big_end}{SP}{vague}")
    return Grammar(scan, _bare(arabic, mult, cur.bare), whole, analysis, vague_split, cents_word)


def _bare(arabic: str, mult: str, bare) -> re.Pattern | None:
    """500억 조성: an Arabic figure with a big multiplier, no currency word, one of the
    configured words after it."""
    if bare is None or not bare.before:
        return None
    big = _alt(bare.scales)
    number = f"{arabic}{SP}{big}(?:{SP}{arabic}(?:{SP}{mult})*)*"
    word = _alt(bare.before) + (f"(?!{_alt(bare.not_before_suffix)})" if bare.not_before_suffix else "")
    # (?=\d) first: the engine skips ahead to a figure instead of trying the lookbehind everywhere
    return re.compile(f"(?=\\d)(?P<num>{number})(?={SP}{word})")
