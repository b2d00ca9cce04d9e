"""Places and venues are not parties: …산업단지, …공장; an address or a hotel after a city name
(서울 삼성동, 대전 X호텔에서);
a country with the contracted place particle (중국서 = 중국에서)."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
PLACE_KINDS = frozenset({"country", "city", "region"})
ADDRESS_KINDS = frozenset({"city", "region"})   # an address follows its city or province (서울 삼성동)


@rule("org.place.v1", label="")
def place(s: SentenceView, span: NameSpan) -> Verdict | None:
    """A name ending in a facility noun (임피산업단지, 서산공장); an address (…동, …구) after a place
    name; a venue (…호텔, …센터) after a place name or before 에서; a country or city glued to the
    contracted 에서 (중국서)."""
    vocab, lexicon, name = s.res.vocab, s.res.lexicon, span.name
    compact = "".join(name.split())
    if vocab.ends_in(compact, vocab.facility_endings):
        return Verdict.REJECT
    if vocab.ends_in(compact, vocab.address_endings) and place_word_before(s, span.i, ADDRESS_KINDS):
        return Verdict.REJECT   # not after a country: 중국 트룰리 is a company
    if vocab.ends_in(compact, vocab.venue_endings) \
            and (place_word_before(s, span.i) or evidence.place_particle_at(s, span.after)
                 or contracted_place_particle(s, span.after)):
        return Verdict.REJECT
    for contraction in vocab.place_particle_contractions:
        if compact.endswith(contraction) and lexicon.is_non_organization(compact[:-len(contraction)]) in PLACE_KINDS:
            return Verdict.REJECT
    return None


def place_word_before(s: SentenceView, i: int, kinds: frozenset[str] = PLACE_KINDS) -> bool:
    """The spaced word before the name is a place of `kinds`: a country, city or region (서울 X호텔,
    군산 X단지)."""
    k = i - 1
    return k >= 0 and not s.glued(i) and s.ms[k].tag in T.noun \
        and s.res.lexicon.is_non_organization(s.ms[k].form) in kinds


def contracted_place_particle(s: SentenceView, j: int) -> bool:
    """'X호텔서 열어': the one-syllable 에서 glued after the name (Kiwi may read it as a verb)."""
    return j < len(s.ms) and s.glued(j) and s.ms[j].form in s.res.vocab.place_particle_contractions
