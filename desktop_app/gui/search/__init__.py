"""The Search view: one box over every matter, document and condition, with filters."""
