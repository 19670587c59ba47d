"""The matter workspace and its tabs."""
