"""The matter workspace and its tabs."""

from desktop_app.i18n import _

TABS = (
    "overview",
    "parties",
    "items",
    "activities",
    "correspondence",
    "determinations",
    "conditions",
    "memos",
    "history",
    "screening",
)
"""The workspace's tabs, in order (also the names `screenshot --view` accepts)."""

TAB_LABELS = {
    "overview": _("&Overview"),
    "parties": _("&Parties"),
    "items": _("&Items"),
    "activities": _("&Activities"),
    "correspondence": _("&Correspondence"),
    "determinations": _("&Determinations"),
    "conditions": _("Co&nditions"),
    "memos": _("Memos"),  # every letter is taken (Alt+E: the Edit menu); Ctrl+9
    "history": _("Histor&y"),  # Alt+H is the Help menu
    "screening": _("Screening"),  # every letter is taken; Ctrl+0
}
"""Each tab's label, with its mnemonic."""
