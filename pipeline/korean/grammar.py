"""Korean grammar of configs/korean.yaml: tag groups, particles, endings and marks as sets.

Rules ask `grammar().tags.particle`, `grammar().particles.dative`, `grammar().marks.list_commas`;
they never spell a Kiwi tag or a Korean form. The schema below is the file's shape; a typo
fails loading with `configs/korean.yaml:LINE`.
"""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace
from typing import Literal

from pydantic import field_validator

from pipeline.config_files import ConfigModel, config_schema, load_config


class GluedParticle(ConfigModel):
    form: str
    tag: str | None = None
    parts: list[tuple[str, str]] | None = None


class SoundFittedParticle(ConfigModel):
    """A particle whose form depends on the last sound of the word before it (가 / 이)."""
    form: str
    tag: str
    after: Literal["vowel", "consonant"]


Role = Literal["subj", "com", "dat", "src", "loc", "obj", "gen", "via", "other"]


class CaseRoleRow(ConfigModel):
    """One row of the particle → case role table."""
    role: Role
    tags: str                   # a tag group or union
    forms: str | None = None    # a list under `particles:` or `endings:`
    topic: bool = False
    glued_only: bool = False
    then_particle: bool = False
    then_auxiliary: bool = False
    joint: bool = False
    topic_nouns: bool = False
    about_verbs: bool = False
    means_verbs: bool = False   # only before a verb of means (X를 통해)


class Particles(ConfigModel):
    comitative: list[str]
    topic: list[str]
    subject: list[str]
    source: list[str]
    location: list[str]
    dative: list[str]
    plain_dative: list[str]
    additive: list[str]
    capacity: list[str]
    means: list[str]
    place_direction: list[str]
    partner_slot: list[str]
    range_limit: list[str]


class Endings(ConfigModel):
    clause: list[str]
    infinitive: list[str]
    contrast: list[str]
    sequence: list[str]
    past: list[str]
    future: list[str]
    topic_like_adnominal: list[str]


class Marks(ConfigModel):
    open_quotes: list[str]
    close_quotes: list[str]
    list_commas: list[str]
    list_dots: list[str]
    list_slashes: list[str]
    name_joiners: list[str]
    clause_separators: list[str]
    corporate_mark_forms: list[str]
    corporate_mark_word: str
    open_brackets: list[str]
    close_brackets: list[str]
    aside_opens: list[str] = ["("]
    word_end: list[str]
    percent: list[str]


@config_schema("korean.yaml")
class KoreanConfig(ConfigModel):
    tags: dict[str, list[str]]
    tag_unions: dict[str, list[str]]
    particles: Particles
    case_roles: list[CaseRoleRow]
    glued_particles: list[GluedParticle]
    sound_fitted_particles: list[SoundFittedParticle] = []
    sound_fitted_min_stem: int = 2
    list_conjunctions: list[str]
    joint_adverbs: list[str]
    joint_nouns: list[str] = []
    genitive_topic_nouns: list[str]
    about_verbs: list[str]
    continuation_verb: str
    continuation_clause_noun: str
    adverbial_verbs: list[str]
    purpose_verbs: list[str]
    means_verbs: list[str]
    negation: list[str]
    time_nouns: list[str]
    adverbial_clause_nouns: list[str] = []
    endings: Endings
    clause_nouns: list[str]
    contrast_nouns: list[str]
    future_nouns: list[str]
    marks: Marks

    @field_validator("tag_unions")
    @classmethod
    def _unions_name_groups(cls, unions, info):
        groups = info.data.get("tags", {})
        for name, members in unions.items():
            unknown = [m for m in members if m not in groups]
            if unknown:
                raise ValueError(f"union {name!r} names unknown tag groups {unknown}")
        return unions

    @field_validator("case_roles")
    @classmethod
    def _rows_name_groups(cls, rows, info):
        groups = set(info.data.get("tags", {})) | set(info.data.get("tag_unions", {}))
        lists = set(Particles.model_fields) | set(Endings.model_fields)
        for row in rows:
            if row.tags not in groups:
                raise ValueError(f"case role {row.role!r}: unknown tag group {row.tags!r}")
            if row.forms is not None and row.forms not in lists:
                raise ValueError(f"case role {row.role!r}: {row.forms!r} is no list of particles or endings")
        return rows


def _sets(section: ConfigModel) -> SimpleNamespace:
    """A config section with every list turned into a frozenset."""
    return SimpleNamespace(**{k: frozenset(v) if isinstance(v, list) else v for k, v in section})


class Grammar:
    """The Korean grammar, loaded once: every group a frozenset attribute."""

    def __init__(self, config: KoreanConfig):
        groups = {name: frozenset(tags) for name, tags in config.tags.items()}
        for name, members in config.tag_unions.items():
            groups[name] = frozenset().union(*(groups[m] for m in members))
        self.tags = SimpleNamespace(**groups)
        self.particles = _sets(config.particles)
        self.endings = _sets(config.endings)
        self.marks = _sets(config.marks)
        self.marks.quotes = self.marks.open_quotes | self.marks.close_quotes
        self.marks.list_marks = self.marks.list_commas | self.marks.list_dots
        self.case_roles = tuple(
            (row, getattr(self.tags, row.tags),
             None if row.forms is None
             else getattr(self.particles, row.forms, None) or getattr(self.endings, row.forms))
            for row in config.case_roles)
        self.glued_particles = tuple(config.glued_particles)
        self.sound_fitted_particles = tuple(config.sound_fitted_particles)
        self.sound_fitted_min_stem = config.sound_fitted_min_stem
        self.list_conjunctions = frozenset(config.list_conjunctions)
        self.joint_adverbs = frozenset(config.joint_adverbs)
        self.joint_nouns = frozenset(config.joint_nouns)
        self.genitive_topic_nouns = frozenset(config.genitive_topic_nouns)
        self.about_verbs = frozenset(config.about_verbs)
        self.continuation_verb = config.continuation_verb
        self.continuation_clause_noun = config.continuation_clause_noun
        self.adverbial_verbs = frozenset(config.adverbial_verbs)
        self.purpose_verbs = frozenset(config.purpose_verbs)
        self.means_verbs = frozenset(config.means_verbs)
        self.negation = frozenset(config.negation)
        self.time_nouns = frozenset(config.time_nouns)
        self.adverbial_clause_nouns = frozenset(config.adverbial_clause_nouns)
        self.clause_nouns = frozenset(config.clause_nouns)
        self.contrast_nouns = frozenset(config.contrast_nouns)
        self.future_nouns = frozenset(config.future_nouns)


@lru_cache(maxsize=None)
def grammar() -> Grammar:
    """The process's Korean grammar (configs/korean.yaml)."""
    return Grammar(load_config("korean.yaml"))
