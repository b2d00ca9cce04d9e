"""The organisation vocabulary of configs/org_context.yaml: words that let the finder accept
names it has never seen, and words that show a proper noun is something else."""
from __future__ import annotations

from functools import lru_cache

from pipeline.config_files import ConfigModel, config_schema, load_config


@config_schema("org_context.yaml")
class OrgContextConfig(ConfigModel):
    type_nouns: list[str]
    non_org_type_nouns: list[str]
    suffixes: list[str]
    spaced_suffixes: list[str]
    elision_suffixes: list[str]
    strict_suffixes: list[str]
    non_org_endings: list[str]
    non_org_ending_morphs: list[str]
    possession_nouns: list[str]
    place_heads: list[str]
    corporate_marks: list[str]
    person_titles: list[str]
    group_tail_nouns: list[str]
    common_terms: list[str]
    company_suffix_sa: str
    headline_labels: list[str]
    type_noun_endings: list[str]


class OrgVocabulary:
    """configs/org_context.yaml as sets."""

    def __init__(self, data: OrgContextConfig):
        self.type_nouns = frozenset(data.type_nouns)
        self.non_org_type_nouns = frozenset(data.non_org_type_nouns)
        self.suffix_set = frozenset(data.suffixes)
        self.max_suffix_len = max(map(len, self.suffix_set))
        self.spaced_suffixes = frozenset(data.spaced_suffixes)
        self.strict_suffixes = frozenset(data.strict_suffixes)
        self.elision_suffixes = frozenset(data.elision_suffixes)
        self.corporate_marks = tuple(data.corporate_marks)
        self.person_titles = frozenset(data.person_titles)
        self.group_tail_nouns = frozenset(data.group_tail_nouns)
        self.common_terms = frozenset(t.lower() for t in data.common_terms)
        self.non_org_endings = tuple(data.non_org_endings)
        self.non_org_ending_morphs = frozenset(data.non_org_ending_morphs)
        self.possession_nouns = frozenset(data.possession_nouns)
        self.place_heads = frozenset(data.place_heads)
        self.company_suffix_sa = data.company_suffix_sa
        self.headline_labels = frozenset(data.headline_labels)
        self.type_noun_endings = tuple(data.type_noun_endings)

    def is_common_term(self, surface: str) -> bool:
        return surface.lower() in self.common_terms

    def is_type_noun(self, form: str) -> bool:
        """An organisation type: listed (스타트업, 운용사) or ending in a type word (설계기업)."""
        return form in self.type_nouns or form.endswith(self.type_noun_endings)


@lru_cache(maxsize=None)
def get_org_vocabulary(config_dir: str | None = None) -> OrgVocabulary:
    """configs/org_context.yaml (or the file in `config_dir`), loaded once."""
    return OrgVocabulary(load_config("org_context.yaml", config_dir))
