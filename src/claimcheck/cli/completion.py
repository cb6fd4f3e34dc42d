"""Shell completion of what a registry names: claim ids, source ids and tags, and rule codes.

click asks these functions for the words that complete what has been typed so far. They read the
registry the command line names so far (or ./claims.yaml, or the folder's), with the loader's
limits; anything that cannot be read completes nothing rather than failing the shell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

#: The registry a command reads when none is named (cli.common takes it from here).
DEFAULT_REGISTRY = "claims.yaml"

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _registry_data(ctx: click.Context) -> dict[str, Any]:
    """The plain data of the registry the command line names so far; empty when there is none."""
    from claimcheck.registry.limits import DEFAULT_LIMITS
    from claimcheck.registry.loader import RegistryReadError, decode_utf8, load_yaml, read_text

    named = ctx.params.get("registry") or next(iter(ctx.params.get("registries") or ()), None)
    if named is None:  # completing an option's value, click leaves the arguments unparsed in ctx.args
        named = next((arg for arg in ctx.args if not arg.startswith("-")
                      and (Path(arg).suffix in (".yaml", ".yml") or Path(arg).is_dir())), None)
    path = Path(named) if named else Path(DEFAULT_REGISTRY)
    path = path / DEFAULT_REGISTRY if path.is_dir() else path
    try:
        raw = read_text(path, DEFAULT_LIMITS.file_size)
        text = decode_utf8(raw)[0] if raw is not None else None
        data = load_yaml(text, DEFAULT_LIMITS).data if text is not None else None
    except (RegistryReadError, ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def _items(data: dict[str, Any], kind: str) -> Iterator[dict[str, Any]]:
    items = data.get(kind)
    yield from (item for item in items if isinstance(item, dict)) if isinstance(items, list) else ()


def _matching(words: Iterator[tuple[Any, str | None]], incomplete: str) -> list[CompletionItem]:
    seen: dict[str, str | None] = {}
    for word, help_text in words:
        if isinstance(word, str) and word.startswith(incomplete) and word not in seen:
            seen[word] = help_text
    return [CompletionItem(word, help=help_text) for word, help_text in seen.items()]


def _short(text: Any) -> str | None:
    return text[:60] if isinstance(text, str) else None


def claim_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _matching(((c.get("id"), _short(c.get("statement"))) for c in _items(_registry_data(ctx), "claims")),
                     incomplete)


def source_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _matching(((s.get("id"), _short(s.get("title"))) for s in _items(_registry_data(ctx), "sources")),
                     incomplete)


def tags(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    lists = (claim.get("tags") for claim in _items(_registry_data(ctx), "claims"))
    return _matching(((tag, None) for found in lists if isinstance(found, list) for tag in found), incomplete)


def rule_codes(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule codes (CC101), and for `rule` names too (quote-not-found); a comma-separated list completes its last."""
    from claimcheck.findings.rules import RULES

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    words = ((prefix + code, rule.summary[:60]) for code, rule in RULES.items())
    return _matching(words, prefix + last.upper())


def source_ids_or_paths(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """A source id, or else a file's path (left to the shell)."""
    return source_ids(ctx, param, incomplete) + [CompletionItem(incomplete, type="file")]
