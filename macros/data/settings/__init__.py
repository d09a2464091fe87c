"""The site's settings as the build sees them (the MkDocs config file, `INHERIT` merged) and their rules."""
