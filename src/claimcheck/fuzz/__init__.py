"""A fuzzing harness for claimcheck: `python -m claimcheck.fuzz` (docs/reliability.md).

It mutates registries, the bundled one and generated valid ones, byte by byte
and structure by structure (`inputs`), runs every command and output format on
them, each run in a forked child under a time and memory limit (`runner`),
and reports tracebacks, exit codes other than 0, 1 and 2, runs over the time
limit, peak memory, and findings located outside the file; each failing input
is saved, minimised (`minimise`).
"""
