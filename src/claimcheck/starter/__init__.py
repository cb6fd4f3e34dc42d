"""The starter that `claimcheck init` writes: its files, and the code that writes them.

`claims.yaml`, `sources/`, `pre-commit-config.yaml` and `gitignore` (written
as `.gitignore`) in this folder are package data, copied as they are; `writer` checks every target before writing
any of them.
"""
