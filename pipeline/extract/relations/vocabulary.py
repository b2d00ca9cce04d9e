"""The relation vocabulary of configs/relations.yaml (triggers, voices, status words …),
compiled for lookup by morpheme form."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pipeline.config_files import ConfigModel, config_schema, load_config
from pipeline.records import Relation, Status

Kind = Literal["typed", "explicit", "generic", "activity"]
VoiceName = Literal["active", "receive", "use", "order", "participate", "sell", "use_passive", "buy", "issue_shares",
                    "supplier", "bidder"]
VoiceRole = Literal["subj", "com", "dat", "src", "loc", "obj", "gen", "bare", "rel_subj", "discourse", "stake_owner",
                    "orderer"]
KIND_RANK = {"typed": 3, "explicit": 2, "generic": 1, "activity": 0}
SUPPLIER_VOICE = "supplier"   # a noun naming a supplier: B 공급사인 A (the copula's adnominal form names A)
BIDDER_VOICE = "bidder"       # a preferred bidder: B 우선협상대상자로 선정된 A


class TriggerRow(ConfigModel):
    forms: list[str]
    written: list[str] = []     # how it is written when not as its first form (contractions, phrases)
    relation: Relation
    kind: Kind
    voice: VoiceName | None = None
    gap: bool = False
    requires: list[str] = []
    frame: Literal["consortium"] | None = None   # joining a consortium: members pair with its leader
    holding: bool = False   # a stake held: as a relative clause before a transfer it is the seller's


class VoiceRow(ConfigModel):
    source: list[VoiceRole]
    target: list[VoiceRole]


@config_schema("relations.yaml")
class RelationsConfig(ConfigModel):
    triggers: list[TriggerRow]
    voices: dict[VoiceName, VoiceRow]
    status: dict[Status, list[list[str]]]
    status_priority: list[Status]
    stake_words: list[str]
    other_deal_words: list[str]
    share_words: list[str]
    control_words: list[str]
    derived_noun_suffixes: list[str]
    firm_words: list[str] = []
    maker_nouns: list[str] = []
    maker_modifiers: list[str] = []
    counted_companies: list[str]
    competition: list[str]
    competition_endings: list[str]
    distributive: list[str]
    joint_markers: list[str]
    reciprocal_triggers: list[str]
    pair_anaphora: list[list[str]]
    single_anaphora: list[list[str]]
    org_head_nouns: list[str]
    org_unit_suffixes: list[str]
    officer_titles: list[str] = []
    pair_dashes: list[str]
    investee_scope: int
    funding_words: list[str]
    consortium_leader_words: list[str]
    consortium_scope: int
    consortium_words: list[str]
    selection_verbs: list[str]
    light_verbs: list[str]
    list_end_word: str
    category_nouns: list[str]
    plural_suffix: str
    competition_noun_suffixes: list[str]
    date_descriptor_words: list[str]
    past_time_verb: str
    passive_verbs: list[str]
    amount_attachment: AmountAttachment


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    forms: tuple[str, ...]
    relation: str
    kind: str
    voice: str | None
    gap: bool
    requires: tuple[str, ...]
    frame: str | None = None
    holding: bool = False

    @property
    def name(self) -> str:
        return "".join(self.forms)


@dataclass(frozen=True, slots=True)
class Voice:
    source: tuple[str, ...]
    target: tuple[str, ...]


class RelationVocabulary:
    def __init__(self, data: RelationsConfig):
        entries = [TriggerEntry(tuple(t.forms), t.relation, t.kind, t.voice, t.gap, tuple(t.requires), t.frame,
                                t.holding)
                   for t in data.triggers]
        by_first: dict[str, list[TriggerEntry]] = {}
        for entry in entries:
            by_first.setdefault(entry.forms[0], []).append(entry)
        for options in by_first.values():
            options.sort(key=lambda e: len(e.forms), reverse=True)  # longest first
        self.triggers_by_first = by_first
        self.trigger_forms = frozenset(f for e in entries for f in e.forms[:1])
        # what the alliances-only pass looks for in raw text
        self.written_triggers = frozenset(w for t in data.triggers for w in (t.written or t.forms[:1]))
        # relations whose object (을/를) is an organisation: B를 인수, B를 흡수합병
        # (only forms that are a trigger by themselves: 통합 needs 하다, and 통합 솔루션 is no merger)
        alone = {e.forms[0] for e in entries if len(e.forms) == 1}
        self.object_trigger_forms = frozenset(e.forms[0] for e in entries
                                              if e.relation in ("acquisition", "merger") and e.forms[0] in alone)
        self.voices = {name: Voice(tuple(v.source), tuple(v.target)) for name, v in data.voices.items()}
        # status patterns as "\0form\0form\0" strings, found in a clause's forms joined alike
        self.status_strings = {status: tuple("\0" + "\0".join(p) + "\0" for p in patterns)
                               for status, patterns in data.status.items()}
        self.status_priority = tuple(data.status_priority)
        self.stake_words = frozenset(data.stake_words)
        self.other_deal_words = frozenset(data.other_deal_words)
        self.share_words = frozenset(data.share_words)
        self.derived_noun_suffixes = frozenset(data.derived_noun_suffixes)
        self.firm_words = tuple(data.firm_words)
        self.maker_nouns = frozenset(data.maker_nouns)
        self.maker_modifiers = frozenset(data.maker_modifiers)
        self.counted_companies = frozenset(data.counted_companies)
        self.control_words = frozenset(data.control_words)
        self.competition = frozenset(data.competition)
        self.competition_endings = tuple(data.competition_endings)
        self.distributive = frozenset(data.distributive)
        self.joint_markers = frozenset(data.joint_markers)
        self.reciprocal_triggers = frozenset(data.reciprocal_triggers)
        self.anaphora_by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for kind, patterns in (("pair", data.pair_anaphora), ("single", data.single_anaphora)):
            for pattern in patterns:
                self.anaphora_by_first.setdefault(pattern[0], []).append((kind, tuple(pattern)))
        self.org_head_nouns = frozenset(data.org_head_nouns)
        self.org_unit_suffixes = tuple(data.org_unit_suffixes)
        self.officer_titles = frozenset(data.officer_titles)
        self.pair_dashes = frozenset(data.pair_dashes)
        self.investee_scope = data.investee_scope
        self.funding_words = frozenset(data.funding_words)
        self.consortium_leader_words = frozenset(data.consortium_leader_words)
        self.consortium_scope = data.consortium_scope
        self.consortium_words = frozenset(data.consortium_words)
        self.selection_verbs = frozenset(data.selection_verbs)
        self.light_verbs = frozenset(data.light_verbs)
        self.list_end_word = data.list_end_word
        self.category_nouns = frozenset(data.category_nouns)
        self.plural_suffix = data.plural_suffix
        self.competition_noun_suffixes = frozenset(data.competition_noun_suffixes)
        self.date_descriptor_words = frozenset(data.date_descriptor_words)
        self.past_time_verb = data.past_time_verb
        self.passive_verbs = frozenset(data.passive_verbs)
        self.amount_attachment = data.amount_attachment


@lru_cache(maxsize=None)
def get_relation_vocabulary(config_dir: str | None = None) -> RelationVocabulary:
    """configs/relations.yaml (or the file in `config_dir`), loaded once."""
    return RelationVocabulary(load_config("relations.yaml", config_dir))


class DealAmountNouns(ConfigModel):
    nouns: list[str]                 # forms joined: 인수가격, 투자금액
    relations: list[Relation]        # the records that may take the amount


class AmountAttachment(ConfigModel):
    """configs/relations.yaml `amount_attachment`: read by pipeline/extract/relations/amounts.py."""
    deal_amount_nouns: list[DealAmountNouns]
    funding_verbs: list[list[str]]
    spend_verbs: list[list[str]]
    total_words: list[str]
    per_unit_suffixes: list[str]
    distributive_after: list[str]
    not_deal_words: list[str]
    deal_counters: list[str]
    equivalent_marks: list[str]
    price_marks: list[str]
    deal_links: list[str]
    sentences_after: int = 3
    deal_noun_sentences_after: int = 5
    sentences_before: int = 1
    round_size: int = 3


RelationsConfig.model_rebuild()   # AmountAttachment is defined after the schema that names it
