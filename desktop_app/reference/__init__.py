"""Loaders for the reference data shipped in resources/reference (eCFR and CSL editions)."""
