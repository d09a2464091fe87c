"""Several regions in one repository: which regions a portal shows, their rules and figures."""
