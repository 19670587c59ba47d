"""The Agenda: the home view of what is overdue and due soon across every matter."""
