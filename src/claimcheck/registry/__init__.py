"""Reading: a registry file and its documents, into the data every later layer uses.

Takes a `claims.yaml` path. `loader` reads the YAML with the position of every
node (a `SourceMap`) and the documents' texts within the limits of `limits`;
`schema` turns the data into the pydantic `model` and its errors into located
findings; `acceptance` decides which disagreements of a claim its
`accepted` acknowledges; `quotes` finds each quote in its document's text; `provenance`
traces documents to the studies they report; `index` gathers what the later
layers need (entries, parsed `says`, quote matches, root studies) once.

Gives a `RegistryIndex` (and findings for what could not be read) to validation,
judgement and extraction.
"""
