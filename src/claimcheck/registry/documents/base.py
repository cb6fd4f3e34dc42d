"""What every format's reader gives: the extracted text and where its pages and sections start."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from time import monotonic


class DocumentProblem(Exception):
    """A document that gives no text: encrypted, a scan, malformed, not of its format, empty."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingLibrary(DocumentProblem):
    """The library a format needs is not installed: the message names the extra that installs it."""

    def __init__(self, what: str, library: str, extra: str) -> None:
        super().__init__(f"reading {what} needs {library}, which is not installed "
                         f"(`pip install 'claimcheck[{extra}]'` installs it)")
        self.extra = extra


class TimeLimitExceeded(DocumentProblem):
    """Reading the document took longer than its time limit: not remembered, since a larger limit may read it."""


class Deadline:
    """The time a document may take to be read, checked between pieces of work (a PDF's pages).

    A check costs a clock reading; a reader calls `check` often enough that no piece
    of work between two checks can take long, so a hostile file is stopped soon
    after its time is up, with no thread or process left behind.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.start = monotonic()

    def check(self, where: str = "") -> None:
        """Raise `TimeLimitExceeded` once more than `seconds` have passed since the reading began."""
        if self.seconds is not None and monotonic() - self.start > self.seconds:
            stopped = f", so claimcheck stopped {where}" if where else ""
            raise TimeLimitExceeded(f"took more than {self.seconds:g} seconds to read{stopped} "
                                    "(`--limit document-seconds=N` raises the limit)")


#: No time limit: for callers that set none.
NO_DEADLINE = Deadline(None)


@dataclass(frozen=True)
class Extracted:
    """A document's text as a reader sees it, with what locates a line in it.

    `pages` holds the first line (1-based) of each page (PDFs); `sections` the
    first line and title of each section (JATS), in order.
    """

    text: str
    kind: str
    pages: tuple[int, ...] = ()
    sections: tuple[tuple[int, str], ...] = field(default=())

    def location(self, line: int) -> str:
        """Where a line of the text is, as a reader finds it: `p. 4, line 12`, or `line 30, in Methods`."""
        if self.pages:
            page = bisect.bisect_right(self.pages, line)
            if page:
                return f"p. {page}, line {line - self.pages[page - 1] + 1}"
        shown = f"line {line}"
        if self.sections:
            place = bisect.bisect_right([start for start, _title in self.sections], line)
            if place:
                shown += f", in {self.sections[place - 1][1]}"
        return shown


def require(module: str, what: str, library: str, extra: str) -> None:
    """Raise `MissingLibrary` unless `module` can be imported."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingLibrary(what, library, extra)
