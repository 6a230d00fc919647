# newsetl with Airflow 3: the image of every Airflow service in docker-compose.yml.
#   docker build -t newsetl .
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    AIRFLOW_HOME=/opt/airflow

RUN useradd --create-home --uid 50000 --gid 0 newsetl \
    && mkdir -p /opt/newsetl /opt/airflow/logs /opt/newsetl-spool \
    && chown -R newsetl:0 /opt/newsetl /opt/airflow /opt/newsetl-spool
WORKDIR /opt/newsetl

# Dependencies first (cached while only the code changes): the package metadata with empty
# packages, then the code, installed editable so sources.yaml, sql/ and dags/ stay beside it.
COPY --chown=newsetl:0 pyproject.toml README.md ./
RUN mkdir -p newsetl spiders pipelines \
    && touch newsetl/__init__.py spiders/__init__.py pipelines/__init__.py \
    && pip install '.[airflow]' \
    && pip uninstall -y newsetl \
    && rm -rf newsetl spiders pipelines build *.egg-info
COPY --chown=newsetl:0 . .
RUN pip install --no-deps -e . && chown -R newsetl:0 /opt/newsetl

USER newsetl
EXPOSE 8080
CMD ["airflow", "version"]
