"""The domain: records, vocabularies, rules and use cases. No Qt, no SQL, no reportlab."""
