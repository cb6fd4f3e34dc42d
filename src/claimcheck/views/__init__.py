"""Views: each report built once, as plain data, for every output format to render.

Takes a `Validation` (and, for `extract` and `coverage`, the candidates found
in the texts). `report` builds `conflicts`, `list`, `show`, `sources` and the
evidence map from the comparisons and grades; `sof` the summary-of-findings
table and `forest` a forest plot's content; `candidates` builds `extract`'s
and `coverage`'s reports.

Gives dictionaries and rows, exactly what `--format json` prints, to `formats`.
"""
