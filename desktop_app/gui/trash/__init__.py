"""The Trash view: matters moved to the trash, restored or deleted for good from here."""
