"""The store: SQLAlchemy 2 models, repositories and Alembic migrations.

SQLite (a file, migrated automatically on first use) is the embedded default;
PostgreSQL is used when ``DATABASE_URL`` names it.  The same models and the
same migrations serve both.  Every repository query is scoped by team.

Importing this package is cheap; SQLAlchemy is only loaded by the submodules.
"""
