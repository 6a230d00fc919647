"""The documentation's examples work as written: each SQL example of docs/REPORTS.md returns
rows on the demo data, on its first day."""

import re

import pytest
from helpers import ROOT

from newsetl.demo import run_demo

pytestmark = pytest.mark.slow


def test_every_example_query_returns_rows_on_the_demo_data(db_url, sql, monkeypatch, capsys):
    monkeypatch.setenv("NEWSETL_DEMO_SITE", "")  # run_demo sets it; restored afterwards
    assert run_demo(db_url, port=0) == 0
    capsys.readouterr()
    examples = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "REPORTS.md").read_text(), re.S)
    assert len(examples) == 3
    for example in examples:
        assert sql(example).all(), example
