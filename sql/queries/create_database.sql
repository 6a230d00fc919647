-- A database beside the project's in the local cluster (Airflow's metadata: `make airflow`).
-- The name is an identifier, not a value: CREATE DATABASE takes no bind parameters, so
-- newsetl.airflow_local.database fills {name} in quoted, with psycopg.sql.Identifier.
CREATE DATABASE {name}
