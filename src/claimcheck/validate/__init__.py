"""Validation: every check over a registry, as located findings.

Takes a registry file. `run` reads it (through `registry`), runs the checks
and locates each finding at `file:line:column`: `checks` holds the checks of
the registry's structure, quotes, arithmetic and acceptances, and
`effect_checks` those of effects, intervals, p-values, test statistics and
means (statcheck, GRIM); `suppression` applies the registry's own `ignore`
lists. Every code a check reports is declared in `claimcheck.findings.rules`.

Gives a `Validation`: the located findings, the silenced ones, and the index
and comparisons that views reuse.
"""
