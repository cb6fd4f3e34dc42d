"""Stances: sentences that assert, deny or hedge (`no known risk`, `should not be used`, `remains unknown`).

A stance candidate proposes `yes`, `no` or `uncertain` for the claim its
sentence makes; which of these a registered claim needs depends on how its
statement is worded, so the proposal is a starting point, not a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import Hit

KIND = "stance"
_PHRASES = {
    "no": (
        r"no\s+known\s+risks?", r"(?:is|are)\s+not\s+(?:typically\s+|generally\s+)?recommended",
        r"(?:do|does)\s+not\s+recommend", r"should\s+not\s+be\s+(?:used|taken|given)", r"must\s+not\s+be\s+(?:used|taken)",
        r"(?:has|have)\s+not\s+been\s+shown", r"there\s+is\s+no\s+evidence", r"no\s+evidence\s+(?:that|of)",
        r"(?:is|are)\s+not\s+(?:typically\s+)?used", r"(?:is|are)\s+not\s+suitable", r"(?:is|are)\s+not\s+a\s+cure",
        r"(?:won['’]t|will\s+not|does\s+not|doesn['’]t)\s+(?:harm|cause)", r"(?:can['’]t|cannot)\s+(?:fix|restore|cure)",
        r"is\s+not\s+(?:needed|necessary|required)", r"(?:don['’]t|do\s+not)\s+need",
    ),
    "uncertain": (
        r"remains?\s+(?:unknown|unclear|uncertain)", r"(?:is|are)\s+(?:still\s+)?(?:unknown|unclear|uncertain)",
        r"not\s+yet\s+(?:known|clear|established)", r"(?:is|are)\s+preliminary",
        r"(?:more|further)\s+(?:research|studies|trials|data)\s+(?:is|are)\s+(?:needed|necessary|required)",
        r"(?:research|studies|trials|data)\s+(?:is|are)\s+needed", r"requires?\s+replication",
        r"(?:is|are)\s+limited\b", r"(?:are|is)\s+necessary\s+to\s+(?:validate|confirm|establish)",
    ),
    "yes": (
        r"(?:has|have)\s+been\s+linked\s+to", r"(?:is|are)\s+linked\s+to", r"(?:is|are)\s+associated\s+with",
        r"(?:has|have)\s+been\s+shown\s+to", r"(?:has|have)\s+shown\s+(?:some\s+)?(?:promise|potential|benefits?)",
        r"(?<!not\s)(?:is|are)\s+recommended", r"can\s+cause", r"(?:is|are)\s+highly\s+(?:effective|teratogenic)",
        r"(?:is|are)\s+(?:the\s+)?most\s+effective", r"increased\s+risk\s+of",
    ),
}
_STANCE = re.compile("|".join(
    f"(?P<{says}>\\b(?:{'|'.join(phrases)}))" for says, phrases in _PHRASES.items()), re.IGNORECASE)


#: A word every phrase holds; the phrases are searched for only near one (a plain alternation of
#: lower-case words is quick to scan for, the phrases with their optional words are not).
_KEYWORD = re.compile(
    r"not|known|recommend|evidence|harm|cause|fix|restore|cure|need|unclear|uncertain|preliminary|necessary|"
    r"required|replication|limited|linked|associated|shown|highly|effective|risk|yet")
_BEFORE, _AFTER = 40, 48


def find(text: str) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    for keyword in _KEYWORD.finditer(text):
        low, high = max(0, keyword.start() - _BEFORE), min(len(text), keyword.end() + _AFTER)
        for match in _STANCE.finditer(text, low, high):
            if match.span() in seen or not match.start() <= keyword.start() < match.end():
                continue
            seen.add(match.span())
            says = next(name for name, value in match.groupdict().items() if value is not None)
            yield Hit(match.start(), match.end(), says, KIND)
