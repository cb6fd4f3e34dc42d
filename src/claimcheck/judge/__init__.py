"""Judgement: what the documents' values say to each other, and what the evidence is worth.

Takes the `RegistryIndex`. `compare` decides a verdict for every pair of a
claim's entries (agree, tension, conflict), aware of rounding, ranges, bounds,
units, sampling error and provenance, with `compare_effects` for effect
measures, test statistics and means; `pooling` pools a claim's independent
estimates; `grading` grades each claim GRADE-style, with every reason; `statements` words
its effect as GRADE's plain-language statement;
`verdicts` holds the words and order of verdicts, statuses and grades.

Gives `ClaimComparison`s and `ClaimGrade`s, plain data, to validation and views.
"""
