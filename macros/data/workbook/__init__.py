"""The plan as an Excel workbook, both ways: its layout, cell values, reading, writing and importing."""
