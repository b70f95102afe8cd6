"""Trainer reports: per trainee and per rule, trends, recordings; as a table, CSV or HTML."""
