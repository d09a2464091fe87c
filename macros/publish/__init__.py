"""The files a build writes besides pages: open data, issue forms."""
