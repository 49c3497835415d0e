"""Operations: leases and run records for scheduled jobs, the job scheduler, backups.

``lease`` lets exactly one instance run a job at a time, ``runs`` records every run,
``scheduler`` runs the jobs inside the production process, ``backup`` makes and restores
online copies of the SQLite databases.
"""
