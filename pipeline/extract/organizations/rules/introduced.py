"""A name the article introduced with context, found again where it stands alone."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention, name_key
from pipeline.extract.organizations.rules.region import region_subsidiary_end
from pipeline.extract.organizations.sentence import MAX_NAME_MORPHS, SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.introduced_name.v2", label="")
def introduced_name(s: SentenceView, i: int, names: dict[str, OrgMention]) -> OrgMention | None:
    """The longest name introduced elsewhere in the article starting at morpheme i (로지올래
    after '물류 스타트업 로지올래'), with a region word after it (플레디스 차이나: its subsidiary);
    the mention keeps the label of the rule that introduced it."""
    ms = s.ms
    if s.glued(i) and ms[i - 1].tag in T.nominal:
        return None
    best = None
    for j in range(i + 1, min(len(ms), i + MAX_NAME_MORPHS) + 1):
        if j - 1 > i and ms[j - 1].start - ms[j - 2].end > 1:
            break
        known = names.get(name_key(s.surface(i, j)))
        if known is not None:
            best = (j, known)
    if best is None or (best[0] < len(ms) and s.glued(best[0]) and ms[best[0]].tag in T.name_like
                        and ms[best[0]].form not in s.res.vocab.subsidiary_regions):
        return None
    j, known = best
    longer = region_subsidiary_end(s, j)
    if longer > j:  # 플레디스 introduced, '플레디스 차이나' here: the subsidiary
        name = s.surface(i, longer)
        return OrgMention(i, longer, ms[i].start, ms[longer - 1].end, name, name, known.type, known.source,
                          rule=introduced_name.rule_id, origin=known, shaped_by=region_subsidiary_end.rule_id)
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, s.surface(i, j), known.canonical, known.type,
                      known.source, rule=introduced_name.rule_id, origin=known)
