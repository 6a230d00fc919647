"""The body scorer on hand-computed examples, and ``main()`` on a tiny corpus made from the
project's own saved pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl import evaluate
from newsetl.evaluate import Result, _summary, bootstrap_difference, dataset_of, main
from newsetl.extraction.score import shingle_scores, shingles

PAGES = Path(__file__).parent / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("extracted", "reference", "scores"),
    [
        # 2 shingles each, 1 shared: (a b c d)
        ("a b c d e", "a b c d f", (0.5, 0.5, 0.5)),
        # 3 extracted, 2 reference, both reference shingles found: P 2/3, R 1, F1 0.8
        ("a b c d e f", "a b c d e", (2 / 3, 1.0, 0.8)),
        # tokens are case-sensitive
        ("A b c d", "a b c d", (0.0, 0.0, 0.0)),
        # punctuation and line breaks do not matter
        ("a, b.\nc -- d", "a b c d", (1.0, 1.0, 1.0)),
        # multisets: (a b c d) twice in 5 extracted shingles, once in the reference
        ("a b c d a b c d", "a b c d", (0.2, 1.0, 1 / 3)),
        # shorter than four tokens: one shingle of all tokens
        ("a b", "a b", (1.0, 1.0, 1.0)),
        # an empty extraction scores nothing
        ("", "a b c d", (0.0, 0.0, 0.0)),
        (None, "a b c d", (0.0, 0.0, 0.0)),
    ],
)
def test_shingle_scores(extracted, reference, scores):
    assert shingle_scores(extracted, reference) == pytest.approx(scores)


def test_shingles_are_word_4_grams():
    assert shingles("one two three four five") == {
        ("one", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }


def test_corpus_f1_comes_from_averaged_precision_and_recall():
    results = [Result(0.5, 0.5, 0.5, True, 0.1, 10), Result(1.0, 0.0, 0.0, False, 0.3, 5)]
    summary = _summary(results, rounds=50)
    assert summary.precision == pytest.approx(0.75)
    assert summary.recall == pytest.approx(0.25)
    assert summary.f1 == pytest.approx(2 * 0.75 * 0.25 / 1.0)  # 0.375, not the mean F1 0.25
    assert summary.title_exact == pytest.approx(0.5)
    assert summary.pages_per_second == pytest.approx(2 / 0.4)
    assert 0.0 <= summary.f1_low <= summary.f1_high <= 1.0


def test_dataset_is_the_field_else_the_id_prefix():
    assert dataset_of("readability-012", {"dataset": "custom"}) == "custom"
    assert dataset_of("readability-012", {}) == "readability"


@pytest.fixture
def corpus(tmp_path):
    """Four saved pages as a corpus: two datasets, one page with a reference title."""
    (tmp_path / "html").mkdir()
    truth = {}
    chosen = {
        "alpha-1": ("jsonld-newsarticle", "alpha"),
        "alpha-2": ("opengraph-only", "alpha"),
        "beta-1": ("french-jsonld", None),
        "beta-2": ("comments-related", None),
    }
    for page_id, (name, dataset) in chosen.items():
        html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
        (tmp_path / "html" / f"{page_id}.html").write_text(html, encoding="utf-8")
        article = EXPECTED[name]["article"]
        truth[page_id] = {"articleBody": article["body"], "url": EXPECTED[name]["url"]}
        if dataset:
            truth[page_id]["dataset"] = dataset
    truth["alpha-1"]["title"] = EXPECTED["jsonld-newsarticle"]["article"]["title"]
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_main_prints_the_table_and_writes_per_page(corpus, tmp_path, capsys):
    per_page = tmp_path / "worst.tsv"
    code = main([str(corpus), "--compare", "trafilatura", "--per-page", str(per_page)])
    out = capsys.readouterr().out
    assert code == 0
    assert "(4 pages)" in out
    rows = [line.split() for line in out.splitlines()]
    names = {(row[0], row[2]) for row in rows if len(row) > 3}
    for dataset in ("alpha", "beta", "overall"):
        assert (dataset, "newsetl") in names and (dataset, "trafilatura") in names
    overall = next(r for r in rows if r[:1] == ["overall"] and r[2] == "newsetl")
    assert float(overall[5]) > 0.9  # F1
    assert overall[7] == "1.000"  # title exact match on the one titled page
    assert "F1 newsetl - trafilatura" in out
    lines = per_page.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:5] == [
        "id",
        "dataset",
        "newsetl_precision",
        "newsetl_recall",
        "newsetl_f1",
    ]
    assert len(lines) == 5
    f1s = [float(line.split("\t")[4]) for line in lines[1:]]
    assert f1s == sorted(f1s)  # worst first


def test_main_limit_takes_pages_from_each_dataset(corpus, capsys):
    assert main([str(corpus), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "(2 pages)" in out
    assert any(line.startswith("alpha ") for line in out.splitlines())
    assert any(line.startswith("beta ") for line in out.splitlines())


def test_main_rejects_a_folder_that_is_no_corpus(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "ground-truth.json" in capsys.readouterr().err


def test_a_crash_scores_as_an_empty_extraction(corpus, monkeypatch, capsys):
    def boom(page):
        raise RuntimeError("boom")

    monkeypatch.setattr(evaluate, "newsetl_extractor", boom)
    assert main([str(corpus)]) == 0
    out = capsys.readouterr().out
    overall = next(line.split() for line in out.splitlines() if line.startswith("overall"))
    assert float(overall[3]) == 0.0 and float(overall[4]) == 0.0


def test_paired_bootstrap_of_the_difference():
    ours = [Result(1.0, 1.0, 1.0, None, 0.1, 10), Result(0.5, 0.5, 0.5, None, 0.1, 10)]
    same = bootstrap_difference(ours, ours, rounds=50)
    assert same == (0.0, 0.0)  # paired: the same pages for both, so no spread
    worse = [Result(0.5, 0.5, 0.5, None, 0.1, 10), Result(0.5, 0.5, 0.5, None, 0.1, 10)]
    low, high = bootstrap_difference(ours, worse, rounds=200)
    assert 0.0 <= low <= high <= 0.5 + 1e-9


def test_the_published_day_is_the_pages_own():
    """The raw date's day in the page's zone when it is the stored UTC day moved by the
    offset; the stored day when the raw date reads the other way round on this page."""
    from datetime import UTC, date, datetime

    from newsetl.evaluate import published_day
    from newsetl.items import Article

    evening = Article(
        url="https://x.example/a",
        published_at=datetime(2025, 12, 19, 2, 46, tzinfo=UTC),
        published_at_raw="2025-12-18T21:46:01-05:00",
    )
    assert published_day(evening) == date(2025, 12, 18)
    swapped = Article(
        url="https://x.example/b",
        published_at=datetime(2025, 12, 2, tzinfo=UTC),
        published_at_raw="02-12-2025",
    )
    assert published_day(swapped) == date(2025, 12, 2)
