"""Entity ids for organisation mentions and alliance parties, from the lexicon's facts.

Ids (docs/operations.md, "Entities"):
- `krx:<code>` for a company the lexicon lists with a KRX short code (krx.jsonl, or a curated
  entry that absorbed its KRX entry): `krx:005930` is 삼성전자 however an article writes it;
- `org:<slug>` for any other lexicon entry: the slug of its Latin-script canonical name, else of
  its English name (the first Latin alias written with lower-case letters, else the first Latin
  alias), else `<country>-<hash of the canonical name>`; entries whose slugs collide get
  `-<country>`, and then `-<hash>`, appended — each entry's id depends only on the entries it
  collides with;
- `name:<hash>` for a name the lexicon does not know (pipeline.records.unseen_entity_id): the
  same name (case, spaces and compatibility forms ignored) gets the same id in every article.

`with_entities(result)` fills in `entity_id` on every mention and party and lists the entities
(and their parents) in `result.entities`, sorted by id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.organizations.lexicon import LexiconEntry, OrganizationLexicon, load_lexicon
from pipeline.records import Alliance, ArticleResult, Entity, Organization, unseen_entity_id

_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9&.,'()\- ]*")
_LOWER = re.compile(r"[a-z]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _is_latin(name: str) -> bool:
    """Written in Latin letters (accents allowed), digits and the punctuation of company names."""
    return all(ord(c) < 0x250 for c in name) and bool(_LATIN_NAME.fullmatch(_fold(name)))


def english_name(entry: LexiconEntry) -> str | None:
    """The KRX English name, else the first Latin alias written in lower case too, else the first Latin one."""
    if entry.registry_aliases:
        return entry.registry_aliases[0]
    latin = [a for a in entry.aliases if _is_latin(a)]
    return next((a for a in latin if _LOWER.search(a)), latin[0] if latin else None)


def _slug(name: str) -> str:
    return _NOT_SLUG.sub("-", _fold(name).lower()).strip("-")


def _base_slug(entry: LexiconEntry) -> str:
    name = entry.canonical if _is_latin(entry.canonical) else english_name(entry)
    slug = _slug(name) if name else ""
    return slug or f"{entry.country.lower()}-{_hash(entry.canonical, 10)}"


@dataclass(frozen=True)
class EntityIndex:
    """Entity ids and records of every lexicon entry."""
    lexicon: OrganizationLexicon
    ids: dict[int, str]          # id(entry) → entity id

    def entity_id(self, canonical: str) -> str:
        entry = self.lexicon.lookup(canonical)
        return self.ids[id(entry)] if entry is not None else unseen_entity_id(canonical)

    def record(self, entity_id: str, canonical: str, type_: str | None) -> Entity:
        entry = self.lexicon.lookup(canonical)
        if entry is None or self.ids[id(entry)] != entity_id:
            return Entity(entity_id=entity_id, name=canonical, type=type_, in_lexicon=False)
        parent = self.lexicon.lookup(entry.parent) if entry.parent else None
        return Entity(entity_id=entity_id, name=entry.canonical, name_en=english_name(entry), type=entry.type,
                      country=entry.country, market=entry.market, krx_code=entry.code,
                      isin=getattr(entry, "isin", None),
                      parent_id=self.ids[id(parent)] if parent is not None else None, parent=entry.parent,
                      public_body=entry.public_body, in_lexicon=True)

    def parent_of(self, record: Entity) -> tuple[str, str] | None:
        """(entity id, canonical) of a record's parent in the lexicon."""
        if record.parent_id is None:
            return None
        parent = self.lexicon.lookup(record.parent)
        return (record.parent_id, parent.canonical) if parent is not None else None


def build_index(lexicon: OrganizationLexicon) -> EntityIndex:
    ids: dict[int, str] = {}
    by_slug: dict[str, list[LexiconEntry]] = defaultdict(list)
    for entry in lexicon.entries:
        if entry.code:
            ids[id(entry)] = f"krx:{entry.code}"
        else:
            by_slug[_base_slug(entry)].append(entry)
    for slug, entries in by_slug.items():
        if len(entries) == 1:
            ids[id(entries[0])] = f"org:{slug}"
            continue
        for entry in entries:
            with_country = f"{slug}-{entry.country.lower()}"
            clash = sum(1 for e in entries if e.country == entry.country) > 1
            ids[id(entry)] = f"org:{with_country}-{_hash(entry.canonical, 6)}" if clash else f"org:{with_country}"
    return EntityIndex(lexicon, ids)


@lru_cache(maxsize=4)
def _index_of(lexicon: OrganizationLexicon) -> EntityIndex:
    return build_index(lexicon)


def entity_index(lexicon: OrganizationLexicon | None = None) -> EntityIndex:
    """The ids of `lexicon` (default: the configured one), computed once per lexicon."""
    return _index_of(lexicon or load_lexicon())


def with_entities(result: ArticleResult, lexicon: OrganizationLexicon | None = None) -> ArticleResult:
    """`result` with an entity id on every mention and party and its entities listed."""
    index = entity_index(lexicon)
    known: dict[str, Entity] = {}
    unseen: dict[str, tuple[set[str], set[str]]] = {}   # id → (names, types) as the article gives them

    def resolve(canonical: str, type_: str | None) -> str:
        entity_id = index.entity_id(canonical)
        if entity_id.startswith("name:"):
            names, types = unseen.setdefault(entity_id, (set(), set()))
            names.add(canonical)
            if type_:
                types.add(type_)
        elif entity_id not in known:
            known[entity_id] = index.record(entity_id, canonical, type_)
        return entity_id

    organizations = [o.model_copy(update={"entity_id": resolve(o.canonical, o.type)}) for o in result.organizations]
    alliances = [_with_party_ids(a, resolve) for a in result.alliances]
    pending = list(known.values())
    while pending:   # parents, and theirs
        parent = index.parent_of(pending.pop())
        if parent is not None and parent[0] not in known:
            known[parent[0]] = index.record(parent[0], parent[1], None)
            pending.append(known[parent[0]])
    # an unseen name written in several ways: the smallest spelling and type (as the entities table merges them)
    for entity_id, (names, types) in unseen.items():
        known[entity_id] = Entity(entity_id=entity_id, name=min(names), type=min(types) if types else None,
                                  in_lexicon=False)
    return result.model_copy(update={"organizations": organizations, "alliances": alliances,
                                     "entities": [known[k] for k in sorted(known)]})


def _with_party_ids(alliance: Alliance, resolve) -> Alliance:
    parties = [p.model_copy(update={"entity_id": resolve(p.canonical, None)}) for p in alliance.parties]
    return alliance.model_copy(update={"parties": parties})


def with_identities(result: ArticleResult, document=None, lexicon: OrganizationLexicon | None = None) -> ArticleResult:
    """`result` with its source's identity (a SourceDocument's `source_id` and `url`) and entity ids."""
    if document is not None:
        result = result.model_copy(update={"source_id": getattr(document, "source_id", None),
                                           "url": getattr(document, "url", None)})
    return with_entities(result, lexicon)


def with_organization_ids(organizations: list[Organization], lexicon: OrganizationLexicon | None = None
                          ) -> list[Organization]:
    """Mentions with their entity ids (as the extraction core and the spaCy components build them)."""
    index = entity_index(lexicon)
    return [o.model_copy(update={"entity_id": index.entity_id(o.canonical)}) for o in organizations]


def with_party_ids(alliances: list[Alliance], lexicon: OrganizationLexicon | None = None) -> list[Alliance]:
    """Alliances whose parties carry their entity ids."""
    index = entity_index(lexicon)
    return [_with_party_ids(a, lambda canonical, _type: index.entity_id(canonical)) for a in alliances]
