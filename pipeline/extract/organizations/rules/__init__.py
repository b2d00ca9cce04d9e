"""Organisation rules, in the order the finder consults them.

Known names: `lexicon` (and `company_sa`: 애플사); `after_corporate_mark` (㈜한끼푸드).
Unseen names need evidence; the first rule of `UNSEEN_NAME_EVIDENCE` that accepts the
name gives its label, a rule that rejects it (a place after a country) ends the search.
After the scan: `list` members and `elided` suffixes add names, `weak_needs_firm` drops
names whose only evidence is their slot in a relation, and `introduced_name` finds names
the article introduced elsewhere.
"""
from pipeline.extract.organizations.rules.apposition import apposition
from pipeline.extract.organizations.rules.corporate_mark import after_mark, marked
from pipeline.extract.organizations.rules.country import after_country
from pipeline.extract.organizations.rules.elided import elided_suffix
from pipeline.extract.organizations.rules.firmer_evidence import drop_weak_alone
from pipeline.extract.organizations.rules.introduced import introduced_name
from pipeline.extract.organizations.rules.known_prefix import group_affiliate
from pipeline.extract.organizations.rules.lexicon import company_with_sa, known_name
from pipeline.extract.organizations.rules.list_member import list_members
from pipeline.extract.organizations.rules.partner_slot import partner_slot
from pipeline.extract.organizations.rules.relation_subject import relation_subject
from pipeline.extract.organizations.rules.suffix import company_suffix

UNSEEN_NAME_EVIDENCE = (apposition, marked, company_suffix, group_affiliate, after_country, partner_slot,
                        relation_subject)

__all__ = ["UNSEEN_NAME_EVIDENCE", "after_mark", "company_with_sa", "drop_weak_alone", "elided_suffix",
           "introduced_name", "known_name", "list_members"]
