"""Reading and validating the data: YAML with positions, models, rules, the assembled Plan,
and how mistakes are worded. Knows no HTML and no MkDocs.
"""
