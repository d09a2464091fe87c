"""Changing data files: writing a new program file, and the one YAML editor that changes values in place
for import, progress reports and new-city, keeping every other byte."""
