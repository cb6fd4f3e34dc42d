"""The reference pages a user needs, bundled with the package: `claimcheck docs PAGE` prints one.

Each page is a copy of the page of the same name under docs/ in the repository, made by
scripts/update_readme.py (a test fails when a copy is stale), so that a user who installed
claimcheck reads the reference of the version they run, without the repository. It takes a
page's name and gives its markdown; it imports nothing of claimcheck.
"""

from __future__ import annotations

from importlib import resources

#: The bundled pages, in the order `claimcheck docs` lists them, with what each covers.
PAGES = {
    "format": "the registry format: sources, claims, evidence and the says value language",
    "grading": "how list and show grade the evidence, step by step",
    "statistics": "every statistic claimcheck computes, with its formula and reference",
    "json": "the fields of --format json",
    "sarif": "the fields of --format sarif",
    "reliability": "what claimcheck guarantees on broken input, and the limits (--limit)",
    "scan": "claimcheck scan: the checks run on a corpus, its outputs, processes, cache and Dask",
}


def page(name: str) -> str:
    """The markdown of one bundled page; KeyError for a name that is not one."""
    if name not in PAGES:
        raise KeyError(name)
    return resources.files(__name__).joinpath(f"{name}.md").read_text(encoding="utf-8")
