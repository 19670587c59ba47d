"""The docket view: every matter in one filterable table."""
