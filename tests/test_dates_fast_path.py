"""Written English dates ("2 December 2026, 09:15 UTC", "Dec. 2, 2026") are read without
dateparser, to the same datetime dateparser gives, naive or in UTC alike."""

import itertools

import pytest

from newsetl.extraction.dates import _dateparser, _english, parse_date

MONTHS = "January May September Dec Sept Mar".split()
FORMS = (
    "{d} {m} 2026",
    "{d} {m}. 2026",
    "{m} {d}, 2026",
    "{m}. {d} 2026",
    "{d} {m} 2026, 09:15",
    "{d} {m} 2026 09:15 UTC",
    "{m} {d}, 2026 at 9:05 GMT",
    "{m} {d}, 2026, 23:59",
)
CASES = [f.format(m=m, d=d) for m, d, f in itertools.product(MONTHS, ("1", "02", "31"), FORMS)]


@pytest.mark.parametrize("language", [None, "en", "fr"])
def test_the_fast_path_reads_dates_as_dateparser_does(language):
    read = 0
    for text in CASES:
        mine, theirs = _english(text), _dateparser(text, language)
        if mine is not None:
            read += 1
            assert (mine, mine.utcoffset()) == (theirs, theirs.utcoffset()), text
        else:  # an impossible day ("31 September"): left to dateparser, which agrees
            assert theirs is None, text
    assert read == len(CASES) - 2 * len(FORMS)  # 31 September, 31 Sept


def test_other_dates_still_go_to_dateparser():
    assert _english("2 décembre 2026") is None
    assert _english("December 2026") is None
    assert _english("2 Dec 2026 9:15 pm") is None
    assert parse_date("2 décembre 2026 à 09:15", "fr").isoformat() == "2026-12-02T09:15:00+00:00"
    assert parse_date("Posted on December 02, 2026").isoformat() == "2026-12-02T00:00:00+00:00"
