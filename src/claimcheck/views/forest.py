"""A forest plot's content, as plain data: one row per independent study, the pooled estimates, the scale.

Built from the claim's pooled estimate (judge/pooling.py), so its rows are exactly the studies
pooled: repeats of one study collapsed into one row, named by the study at the root of their
`cites`, with every document of the claim that reports it. Each row has its estimate and 95%
interval on the natural scale and its weight in the fixed-effect (1/se²) and random-effects
(1/(se² + tau²)) pools, in percent. `formats/forest.py` draws it.
"""

from __future__ import annotations

from typing import Any

from claimcheck.judge.compare import ClaimComparison
from claimcheck.judge.pooling import ClaimPool
from claimcheck.registry.index import RegistryIndex

Z95 = 1.959963984540054


def forest_data(index: RegistryIndex, comparison: ClaimComparison, pool: ClaimPool | None) -> dict[str, Any] | None:
    """The forest plot of a claim's pooled estimate (its grade's `pool`); None when it has none."""
    if pool is None:
        return None
    claim = comparison.claim
    return forest_of(pool, claim.id, claim.statement, _documents_by_study(index, comparison))


def forest_of(pool: ClaimPool, claim_id: str, statement: str,
              documents: dict[str, list[str]] | None = None) -> dict[str, Any]:
    r = pool.result
    fixed_weights = [1 / s.se ** 2 for s in pool.studies]
    random_weights = [1 / (s.se ** 2 + r.tau2) for s in pool.studies]
    rows = []
    for study, fixed_w, random_w in zip(pool.studies, fixed_weights, random_weights):
        rows.append({
            "study": study.study,
            "documents": (documents or {}).get(study.study, [study.source]),
            "estimate": pool.natural(study.estimate),
            "low": pool.natural(study.estimate - Z95 * study.se),
            "high": pool.natural(study.estimate + Z95 * study.se),
            "weight_fixed": 100 * fixed_w / sum(fixed_weights),
            "weight_random": 100 * random_w / sum(random_weights),
        })
    fixed, fixed_low, fixed_high = pool.interval(random=False)
    centre, low, high = pool.interval(random=True)
    prediction = None if r.prediction is None else [pool.natural(x) for x in r.prediction]
    return {
        "claim": claim_id,
        "statement": statement,
        "measure": pool.measure,
        "name": pool.name,
        "label": pool.label(),
        "unit": pool.unit().strip(),
        "log_scale": pool.ratio,
        "null": pool.null(),
        "rows": rows,
        "fixed": {"estimate": fixed, "low": fixed_low, "high": fixed_high},
        "random": {"estimate": centre, "low": low, "high": high},
        "prediction": prediction,
        "k": r.k,
        "i2": r.i2,
        "tau2": r.tau2,
        "q": r.q,
        "q_df": r.k - 1,
        "q_p": r.q_p,
    }


def _documents_by_study(index: RegistryIndex, comparison: ClaimComparison) -> dict[str, list[str]]:
    """study -> the documents of this claim whose entries rest on it alone, in registry order."""
    found: dict[str, list[str]] = {}
    for position, evidence in enumerate(comparison.claim.evidence):
        roots = index.roots.get((comparison.claim_position, position), frozenset())
        if len(roots) == 1:
            documents = found.setdefault(next(iter(roots)), [])
            if evidence.source not in documents:
                documents.append(evidence.source)
    return found


