"""Organisation rules, in the order the finder consults them.

Whole words first (`WHOLE_WORD_NAMES`): a word ending in a legal form (…합자회사), a Latin gloss
inside a name (에스케이(SK)이노베이션), a stem Kiwi shredded before a company suffix (대/광/그룹).
Known names: `lexicon` (and `company_sa`: 애플사); `after_corporate_mark` (㈜한끼푸드). A known
name may be turned down where it is used as something else (`veto.KNOWN_NAME_VETOES`: a gloss, an
event, a currency, a model code), or need an organisation context (`weak_alias`, ambiguous
aliases). Unseen names get their extent from the morpheme run, `spaced_name` (토카이 리카) and
`region_subsidiary` (하이브 재팬); a veto (`NAME_VETOES`: also places, legal-form fragments)
ends the search, and then the first rule of
`UNSEEN_NAME_EVIDENCE` that accepts the name gives its label (a rule that rejects it, like a place
after a country, ends the search too). After the scan: `headed_list` and `list` members and
`elided` suffixes add names, `weak_needs_firm` drops names whose only evidence is their slot in a
relation, and `introduced_name` finds names the article introduced elsewhere.
"""
from pipeline.extract.organizations.rules.affiliation import affiliation
from pipeline.extract.organizations.rules.apposition import apposition
from pipeline.extract.organizations.rules.corporate_mark import after_mark, marked
from pipeline.extract.organizations.rules.country import after_country
from pipeline.extract.organizations.rules.cut_word import cut_word
from pipeline.extract.organizations.rules.elided import elided_suffix
from pipeline.extract.organizations.rules.firmer_evidence import drop_weak_alone
from pipeline.extract.organizations.rules.gloss_in_name import gloss_in_name
from pipeline.extract.organizations.rules.headed_list import headed_list_members
from pipeline.extract.organizations.rules.introduced import introduced_name
from pipeline.extract.organizations.rules.known_prefix import group_affiliate
from pipeline.extract.organizations.rules.latin_gloss import latin_gloss
from pipeline.extract.organizations.rules.legal_form import legal_form_name
from pipeline.extract.organizations.rules.lexicon import company_with_sa, known_name
from pipeline.extract.organizations.rules.list_member import list_members
from pipeline.extract.organizations.rules.partner_slot import partner_slot
from pipeline.extract.organizations.rules.region import region_subsidiary_end
from pipeline.extract.organizations.rules.relation_subject import relation_subject
from pipeline.extract.organizations.rules.spaced_name import numeral_head_start, spaced_name_end
from pipeline.extract.organizations.rules.suffix import company_suffix
from pipeline.extract.organizations.rules.veto import NAME_VETOES, veto

WHOLE_WORD_NAMES = (legal_form_name, gloss_in_name, cut_word)
UNSEEN_NAME_EVIDENCE = (apposition, marked, company_suffix, group_affiliate, affiliation, latin_gloss, after_country,
                        partner_slot, relation_subject)

__all__ = ["NAME_VETOES", "UNSEEN_NAME_EVIDENCE", "WHOLE_WORD_NAMES", "after_mark", "company_with_sa",
           "drop_weak_alone", "elided_suffix", "headed_list_members", "introduced_name", "known_name",
           "list_members", "numeral_head_start", "region_subsidiary_end", "spaced_name_end", "veto"]
