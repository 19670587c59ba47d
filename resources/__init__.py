"""Runtime assets of Compliance Desk (reference data, sample matters); read via desktop_app.assets."""
