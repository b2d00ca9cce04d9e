"""Alliance records from sentences of morphemes and their organisation mentions."""
from pipeline.extract.relations.clause import Candidate, Discourse
from pipeline.extract.relations.extractor import RelationExtractor
from pipeline.extract.relations.vocabulary import RelationVocabulary, get_relation_vocabulary

__all__ = ["Candidate", "Discourse", "RelationExtractor", "RelationVocabulary", "get_relation_vocabulary"]
