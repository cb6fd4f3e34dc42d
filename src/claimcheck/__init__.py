"""claimcheck: a literature-claim checker."""

__version__ = "0.1.0"

#: Where the project and its documentation live; SARIF output links each rule to its page there.
HOMEPAGE = "https://github.com/claimcheck/claimcheck"
DOCS_URL = f"{HOMEPAGE}/blob/main/docs"
