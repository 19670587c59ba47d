"""The matter workspace and its tabs."""

TABS = ("overview", "parties", "items", "activities", "correspondence", "history")
"""The workspace's tabs, in order (also the names `screenshot --view` accepts)."""
