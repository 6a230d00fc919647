"""The daily reports: building them (``run``), their tables (``schema``), and showing them to
people (``show``, ``render``). docs/REPORTS.md."""
