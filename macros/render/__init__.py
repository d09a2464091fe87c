"""HTML of the pages and charts, made from a Plan. Knows no MkDocs."""
