"""The library on disk: SQLite through sqlite-utils, migrations, audit chain, repositories.

Thread rule: a connection belongs to the thread that opened it. A process has at most one
writing `Library` (holding the single-writer lock), used from one worker thread; readers open
their own read-only `Library` on their own thread. No Qt here.
"""
