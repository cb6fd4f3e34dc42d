"""Provenance: from each source, through `cites`, down to the studies at its root.

A source that cites nothing registered is its own root. A source that cites
others rests on their roots: two news items that both report one study share
that study as their only root, and so report one measurement, not two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Provenance:
    """The cites graph of a registry, with roots and cycles worked out once."""

    cites: Mapping[str, Sequence[str]]
    roots: Mapping[str, frozenset[str]]
    cycles: tuple[tuple[str, ...], ...]

    def roots_of(self, source_id: str) -> frozenset[str]:
        return self.roots.get(source_id, frozenset({source_id}))

    def chain(self, source_id: str) -> list[tuple[int, str]]:
        """Depth-first (depth, id) lines from a source down to its roots."""
        lines: list[tuple[int, str]] = []
        self._walk(source_id, 0, set(), lines)
        return lines

    def _walk(self, source_id: str, depth: int, on_path: set[str], lines: list[tuple[int, str]]) -> None:
        lines.append((depth, source_id))
        if source_id in on_path:
            return
        on_path.add(source_id)
        for cited in self.cites.get(source_id, ()):
            self._walk(cited, depth + 1, on_path, lines)
        on_path.discard(source_id)


def trace(cites: Mapping[str, Sequence[str]]) -> Provenance:
    """Work out every source's roots; ids not defined in ``cites`` are ignored.

    Sources on a cycle are their own roots, so that a broken registry still
    yields an answer while the cycle is reported as a finding.
    """
    known = {source: [c for c in cited if c in cites] for source, cited in cites.items()}
    roots: dict[str, frozenset[str]] = {}
    cycles: list[tuple[str, ...]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in known:
        if state.get(start) != 2:
            _visit(start, known, roots, state, [], cycles)
    return Provenance(known, roots, tuple(cycles))


def _visit(
    node: str,
    cites: Mapping[str, Sequence[str]],
    roots: dict[str, frozenset[str]],
    state: dict[str, int],
    path: list[str],
    cycles: list[tuple[str, ...]],
) -> None:
    # Iterative depth-first search: long citation chains must not hit recursion limits.
    stack: list[tuple[str, Iterable[str]]] = [(node, iter(cites[node]))]
    state[node] = 1
    path.append(node)
    while stack:
        current, children = stack[-1]
        child = next(iter(children), None)
        if child is not None:
            if state.get(child) == 1:
                cycles.append(tuple(path[path.index(child):]) + (child,))
            elif state.get(child) != 2:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(cites[child])))
            continue
        stack.pop()
        path.pop()
        state[current] = 2
        collected: set[str] = set()
        for cited in cites[current]:
            if state.get(cited) == 2 and cited in roots:
                collected |= roots[cited]
        roots[current] = frozenset(collected) if collected else frozenset({current})
