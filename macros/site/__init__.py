"""The only code that knows MkDocs: hooks, theme repairs, the search index, the build command."""
