"""Organisation mentions: known names from the lexicon, unseen names from their context."""
from pipeline.extract.organizations.finder import OrganizationFinder, find_article_organizations
from pipeline.extract.organizations.lexicon import OrganizationLexicon, load_lexicon, surface_key
from pipeline.extract.organizations.mention import OrgMention, name_key
from pipeline.extract.organizations.sentence import FinderResources
from pipeline.extract.organizations.vocabulary import OrgVocabulary, get_org_vocabulary

__all__ = ["FinderResources", "OrgMention", "OrgVocabulary", "OrganizationFinder", "OrganizationLexicon",
           "find_article_organizations", "get_org_vocabulary", "load_lexicon", "name_key", "surface_key"]
