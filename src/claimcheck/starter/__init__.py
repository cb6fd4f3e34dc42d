"""The starter that `claimcheck init` writes: its files, and the code that writes them.

`claims.yaml`, `sources/` and `pre-commit-config.yaml` in this folder are
package data, copied as they are; `writer` checks every target before writing
any of them.
"""
