"""The central tables: a page per record kind (toolbar, filters, the table itself)."""
