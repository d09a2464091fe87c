"""Progress reports from agencies: the report form's fields and answers, checked and applied to a program."""
