"""Every YAML file of configs/: it has a registered schema, it validates, and a broken copy
fails with `configs/<name>:<line>:` pointing at the broken line.

Broken copies are validated in memory (`parse_config`), never written into configs/.
"""
from __future__ import annotations

import pytest
import yaml

# Each import registers the schemas of the files its modules read.
import pipeline.extract.dates  # noqa: F401
import pipeline.extract.money  # noqa: F401
import pipeline.extract.organizations.finder  # noqa: F401
import pipeline.extract.relations  # noqa: F401
import pipeline.extract.relations.confidence  # noqa: F401
import pipeline.korean.grammar  # noqa: F401
import pipeline.korean.textnorm  # noqa: F401
import pipeline.settings
from pipeline.config_files import CONFIG_DIR, CONFIG_SCHEMAS, ConfigError, load_config, parse_config

# Files whose schema is not registered yet. Strict: once one is, its test passes, and the
# name must leave this list (relations.yaml and org_context.yaml have left it).
SCHEMA_PENDING: list[str] = []

FILES = sorted(path.name for path in CONFIG_DIR.glob("*.yaml"))


def _params(names):
    return [pytest.param(name, id=name, marks=pytest.mark.xfail(strict=True, reason="schema pending (lead)")
                         if name in SCHEMA_PENDING else ()) for name in names]


def _text(name: str) -> str:
    text = (CONFIG_DIR / name).read_text(encoding="utf-8")
    return text if text.endswith("\n") else text + "\n"


def _fails_at(text: str, name: str, line: int) -> str:
    """Validate a broken copy of `name`; assert it fails at `line`; return the message."""
    with pytest.raises(ConfigError) as info:
        parse_config(text, CONFIG_SCHEMAS[name], f"configs/{name}")
    message = str(info.value)
    assert message.startswith(f"configs/{name}:{line}: "), message
    return message


def test_every_config_file_is_listed():
    assert {"settings.yaml", "currencies.yaml", "numerals.yaml", "dates.yaml", "chrome_lines.yaml"} <= set(FILES)


@pytest.mark.parametrize("name", _params(FILES))
def test_has_a_schema(name):
    assert name in CONFIG_SCHEMAS, f"configs/{name}: no schema registered with @config_schema({name!r})"


@pytest.mark.parametrize("name", _params(FILES))
def test_file_validates(name):
    assert isinstance(load_config(name), CONFIG_SCHEMAS[name])


@pytest.mark.parametrize("name", _params(FILES))
def test_unknown_top_level_key_fails_at_its_line(name):
    broken = _text(name) + "not_a_known_key: 1\n"
    message = _fails_at(broken, name, broken.count("\n"))
    assert "not_a_known_key" in message


# A nested list and a mapping: a field of any precise type (scalar, list, dict, model)
# rejects at least one of them.
WRONG_VALUES = ["[[1]]", "{not_a_known_key: [1]}"]


def _first_value_replaced(text: str, value: str) -> tuple[str, int]:
    """`text` with the value of its first top-level key replaced by `value` (flow style, on
    the key's line), and that line."""
    key, node = yaml.compose(text).value[0]
    head = text[:key.start_mark.index] + f"{key.value}: {value}"
    tail = text[node.end_mark.index:]
    if node.end_mark.column == 0:        # a block value ends where the next key starts
        head += "\n"
    return head + tail, key.start_mark.line + 1


@pytest.mark.parametrize("name", _params(FILES))
def test_wrong_type_of_first_key_fails_at_its_line(name):
    rejected = 0
    for value in WRONG_VALUES:
        broken, line = _first_value_replaced(_text(name), value)
        try:
            parse_config(broken, CONFIG_SCHEMAS[name], f"configs/{name}")
        except ConfigError:
            _fails_at(broken, name, line)
            rejected += 1
    assert rejected, f"configs/{name}: the first key accepts both {WRONG_VALUES}: is its type precise?"


# (file, text in the file, replacement, words of the message). The error must name the line
# where the replaced text is.
BREAKAGES = [
    # settings.yaml
    ("settings.yaml", "max_bytes:", "max_bytez:", "max_bytez"),
    ("settings.yaml", "max_replacement_ratio: 0.01", "max_replacement_ratio: 2", "ingest.max_replacement_ratio"),
    ("settings.yaml", "skip_hidden: true", "skip_hidden: sometimes", "ingest.skip_hidden"),
    ("settings.yaml", "model_type: cong", "model_type: kong", "tokenizer.model_type"),
    ("settings.yaml", "batch_size: 256", "batch_size: 0", "run.batch_size"),
    ("settings.yaml", "kiwi_threads: auto", "kiwi_threads: many", "run.kiwi_threads"),
    # currencies.yaml
    ("currencies.yaml", "센트: {currency: USD", "센트: {currency: USX", "USX is not one of the currencies"),
    ("currencies.yaml", "cents_tail: 센트", "cents_tail: 페니", "cents_tail"),
    ("currencies.yaml", "미화: USD", "미화: dollar", "markers.미화"),
    ("currencies.yaml", "words: [원, 원화]", "word: [원, 원화]", "currencies.KRW.word"),
    ("currencies.yaml", "billion: \"1000000000\"", "billion: lots", "scales.billion"),
    # numerals.yaml
    ("numerals.yaml", "이상: ge", "이상: at_least", "bound_suffix.이상"),
    ("numerals.yaml", "fraction: 분의", "fraction: [분의]", "fraction"),
    ("numerals.yaml", "level_not_followed_by: [한, 하]", "level_not_followed_by: 한", "level_not_followed_by"),
    # dates.yaml
    ("dates.yaml", "지난: past", "지난: before", "qualifiers.지난"),
    ("dates.yaml", "하순: [21, end]", "하순: [21, last]", "parts.month.하순"),
    ("dates.yaml", "상반기: [1, 6]", "상반기: [1, 13]", "halves.상반기"),
    ("dates.yaml", "초: first", "초: start", "parts.period.초"),
    ("dates.yaml", "연초: 초", "연초: 처음", "year_words"),
    ("dates.yaml", "year: 년", "year: 연도", "units.year"),
    ("dates.yaml", "published_label_suffixes:", "published_label_suffix:", "published_label_suffix"),
    # chrome_lines.yaml
    ("chrome_lines.yaml", "'구독하세요'", "'구독하세요('", "not a valid regex"),
    ("chrome_lines.yaml", "max_pattern_line: 160", "max_pattern_line: -1", "max_pattern_line"),
    ("chrome_lines.yaml", "drop_tags:", "drop_tag:", "html.drop_tag"),
]


def _breakage_param(row):
    if not hasattr(row, "marks"):     # a plain tuple, not a pytest.param
        row = pytest.param(*row)
    name, _, new, _ = row.values
    return pytest.param(*row.values, marks=row.marks, id=f"{name}:{new.strip()}")


@pytest.mark.parametrize("name, old, new, words", [_breakage_param(row) for row in BREAKAGES])
def test_breakage_fails_at_its_line(name, old, new, words):
    text = _text(name)
    assert old in text, f"configs/{name} no longer contains {old!r}: update this row"
    line = text[:text.index(old)].count("\n") + 1
    message = _fails_at(text.replace(old, new, 1), name, line)
    assert words in message


def test_settings_are_a_plain_dict_equal_to_the_file():
    """Other modules read settings as a dict: validation fills in no value the file has."""
    settings = pipeline.settings.load_settings()
    assert type(settings) is dict
    assert settings == yaml.safe_load(_text("settings.yaml"))
