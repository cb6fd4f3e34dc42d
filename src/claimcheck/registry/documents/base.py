"""What every format's reader gives: the extracted text and where its pages and sections start."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


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
