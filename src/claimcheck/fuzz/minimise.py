"""Shrinking a failing input to a small one that still fails the same way (delta debugging).

Zeller and Hildebrandt's ddmin, first over lines, then over the bytes of what is
left: remove chunks while the failure persists, halving the chunk size each time
no chunk can go. The predicate reruns the command in a forked child.
"""

from __future__ import annotations

from collections.abc import Callable

#: Reruns are bounded, so that minimising a slow input cannot take longer than the campaign.
MAX_TRIES = 400


def minimise(data: bytes, still_fails: Callable[[bytes], bool], max_tries: int = MAX_TRIES) -> bytes:
    tries = [0]

    def check(candidate: bytes) -> bool:
        if tries[0] >= max_tries:
            return False
        tries[0] += 1
        return still_fails(candidate)

    lines = _ddmin(data.splitlines(keepends=True), lambda parts: check(b"".join(parts)))
    smaller = b"".join(lines)
    if len(smaller) > 4096:
        return smaller  # bytes one by one would take too many reruns; the lines are small enough to read
    return b"".join(_ddmin([bytes([b]) for b in smaller], lambda parts: check(b"".join(parts))))


def _ddmin(parts: list[bytes], fails: Callable[[list[bytes]], bool]) -> list[bytes]:
    chunk = max(1, len(parts) // 2)
    while parts and chunk >= 1:
        removed = False
        start = 0
        while start < len(parts):
            candidate = parts[:start] + parts[start + chunk:]
            if candidate and fails(candidate):
                parts = candidate
                removed = True
            else:
                start += chunk
        if not removed:
            if chunk == 1:
                break
            chunk = max(1, chunk // 2)
    return parts
