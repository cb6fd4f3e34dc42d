"""`claimcheck scan`: a whole corpus checked for statistics that do not fit together, with no registry.

`document` scans one text: the values `extract` finds, each checked on its own
and against the others of its sentence, by the same checks as `validate`.
`corpus` finds the documents, spreads them over processes or a Dask cluster,
keeps results in a cache, and adds up statcheck's headline figures.
"""
