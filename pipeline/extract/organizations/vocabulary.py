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
    institute_suffixes: list[str]
    non_org_endings: list[str]
    non_org_ending_morphs: list[str]
    possession_nouns: list[str]
    place_heads: list[str]
    corporate_marks: list[str]
    person_titles: list[str]
    group_tail_nouns: list[str]
    plural_suffixes: list[str]
    common_terms: list[str]
    company_suffix_sa: str
    headline_labels: list[str]
    type_noun_endings: list[str]
    legal_forms: list[str]
    latin_legal_forms: list[str]
    subsidiary_regions: list[str]
    subsidiary_nouns: list[str] = []
    numeral_name_heads: list[str]
    facility_endings: list[str]
    venue_endings: list[str]
    address_endings: list[str]
    event_nouns: list[str]
    currency_words: list[str]
    derivation_suffixes: list[str]
    place_particle_contractions: list[str]
    family_names: list[str]
    company_counters: list[str]
    affiliation_fillers: list[str]
    list_closers: list[str]
    organisation_tail_nouns: list[str]
    institution_endings: list[str]


class OrgVocabulary:
    """configs/org_context.yaml as sets."""

    def __init__(self, data: OrgContextConfig):
        self.type_nouns = frozenset(data.type_nouns)
        self.non_org_type_nouns = frozenset(data.non_org_type_nouns)
        self.suffix_set = frozenset(data.suffixes)
        self.max_suffix_len = max(map(len, self.suffix_set))
        self.spaced_suffixes = frozenset(data.spaced_suffixes)
        self.strict_suffixes = frozenset(data.strict_suffixes)
        self.institute_suffixes = frozenset(data.institute_suffixes)
        self.elision_suffixes = frozenset(data.elision_suffixes)
        self.corporate_marks = tuple(data.corporate_marks)
        self.person_titles = frozenset(data.person_titles)
        self.group_tail_nouns = frozenset(data.group_tail_nouns)
        self.plural_suffixes = frozenset(data.plural_suffixes)
        self.common_terms = frozenset(t.lower() for t in data.common_terms)
        self.non_org_endings = tuple(data.non_org_endings)
        self.non_org_ending_morphs = frozenset(data.non_org_ending_morphs)
        self.possession_nouns = frozenset(data.possession_nouns)
        self.place_heads = frozenset(data.place_heads)
        self.company_suffix_sa = data.company_suffix_sa
        self.headline_labels = frozenset(data.headline_labels)
        self.type_noun_endings = tuple(data.type_noun_endings)
        self.legal_forms = tuple(sorted(data.legal_forms, key=len, reverse=True))
        self.latin_legal_forms = frozenset(data.latin_legal_forms)
        self.subsidiary_regions = frozenset(data.subsidiary_regions)
        self.subsidiary_nouns = frozenset(data.subsidiary_nouns)
        self.numeral_name_heads = frozenset(data.numeral_name_heads)
        self.facility_endings = tuple(data.facility_endings)
        self.venue_endings = tuple(data.venue_endings)
        self.address_endings = tuple(data.address_endings)
        self.long_suffixes = tuple(x for x in self.suffix_set if len(x) > 1)
        self.event_nouns = frozenset(data.event_nouns)
        self.currency_words = frozenset(data.currency_words)
        self.derivation_suffixes = frozenset(data.derivation_suffixes)
        self.place_particle_contractions = tuple(data.place_particle_contractions)
        self.family_names = frozenset(data.family_names)
        self.company_counters = frozenset(data.company_counters)
        self.affiliation_fillers = frozenset(data.affiliation_fillers)
        self.list_closers = frozenset(data.list_closers)
        self.organisation_tail_nouns = frozenset(data.organisation_tail_nouns)
        self.institution_endings = tuple(data.institution_endings)

    def is_common_term(self, surface: str) -> bool:
        return surface.lower() in self.common_terms

    def ends_in_company_suffix(self, word: str) -> bool:
        """The word ends in a company suffix of two or more syllables after a head (…저축은행, 버진미디어)."""
        return word.endswith(self.long_suffixes) and any(
            word.endswith(x) and len(word) > len(x) for x in self.long_suffixes)

    @staticmethod
    def ends_in(word: str, endings: tuple[str, ...]) -> bool:
        """The word ends in one of `endings` after a head of at least one syllable."""
        return word.endswith(endings) and any(word.endswith(e) and len(word) > len(e) for e in endings)

    def looks_like_person(self, word: str) -> bool:
        """A family name and a one- or two-syllable given name, in Hangul (김범수, 남궁민수)."""
        if not word.isalpha() or word.isascii():
            return False
        return (2 <= len(word) <= 3 and word[:1] in self.family_names) or \
            (3 <= len(word) <= 4 and word[:2] in self.family_names)

    def is_type_noun(self, form: str) -> bool:
        """An organisation type: listed (스타트업, 운용사) or ending in a type word (설계기업)."""
        return form in self.type_nouns or form.endswith(self.type_noun_endings)


@lru_cache(maxsize=None)
def get_org_vocabulary(config_dir: str | None = None) -> OrgVocabulary:
    """configs/org_context.yaml (or the file in `config_dir`), loaded once."""
    return OrgVocabulary(load_config("org_context.yaml", config_dir))
