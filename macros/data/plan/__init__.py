"""A region's plan data read and checked: YAML with positions, the models, the rules, how mistakes
are worded, and the assembled Plan (`assemble.py`). Every other room of `macros.data` builds on it."""
