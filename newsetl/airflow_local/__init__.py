"""``make airflow``: Airflow 3 on this machine with this repo's DAGs, bound to 127.0.0.1.

    python -m newsetl.airflow_local [start] [--port 8080] [--no-demo-site]
    python -m newsetl.airflow_local status | stop
    python -m newsetl.airflow_local demo [--dag crawl_meridian_wire]  # crawl, then reports

``start`` runs the api-server, the scheduler, the dag-processor and the triggerer
(LocalExecutor, parallelism 4) as background processes, plus the demo news site on
127.0.0.1:8765 (the demo sources in sources.yaml point there; if the port is taken, it says
so and goes on without it). State lives in ``.newsetl/airflow`` (AIRFLOW_HOME): process logs
in ``logs/``, Airflow's metadata in the database ``airflow`` of the local PostgreSQL cluster
(``make db-up``), or in SQLite when ``DATABASE_URL`` names another server. The project
database reaches the DAGs as the connection ``newsetl_db`` (``AIRFLOW_CONN_NEWSETL_DB``),
derived from ``DATABASE_URL`` or the local cluster. Login: user ``admin``, with the password
printed at start (kept in ``.newsetl/airflow/simple_auth_manager_passwords.json.generated``).

Modules: ``environment`` (AIRFLOW_HOME, secrets, the components' environment), ``database``
(the project and metadata databases), ``processes`` (background processes: start, find,
stop, memory), ``api`` (the REST API client), ``stack`` (start, stop, status), ``demo`` (a
demo crawl through the API) and ``__main__`` (the command line).
"""
