"""Where the repository is: its root holds ``scrapy.cfg``, ``sources.yaml``, ``sql/``,
``dags/`` and the local state in ``.newsetl/``. newsetl runs from a checkout (``pip install
-e .``), so the root is this package's parent folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
