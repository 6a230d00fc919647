"""The day's reports as text for the terminal and as one self-contained HTML page (inline
CSS and SVG charts, no script), from the rows ``newsetl.reporting.show.load_day`` reads."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta

VOLUME_DAYS = 14
QUIET_GAPS = 3  # an entry point with nothing new for this many usual gaps is reported
PALETTE = [
    "#4269d0",
    "#efb118",
    "#ff725c",
    "#6cc5b0",
    "#3ca951",
    "#ff8ab7",
    "#a463f2",
    "#97bbf5",
    "#9c6b4e",
    "#9498a0",
]


# --- Terminal ---------------------------------------------------------------------------


def fmt(value, spec: str = ".0f", none: str = "-") -> str:
    return none if value is None else format(value, spec)


def minutes(value: float | None) -> str:
    """A delay for people: ``25 min``, ``1 h 38 min``, ``2 d 3 h``; ``-`` when unknown."""
    if value is None:
        return "-"
    total = round(value)
    if total < 60:
        return f"{total} min"
    hours, mins = divmod(total, 60)
    if hours < 24:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def render_text(day: date, data: dict[str, list]) -> str:
    lines = [f"newsetl daily report for {day} (UTC)", ""]
    if data.get("health"):
        lines.append("Crawl runs that did not end well")
        lines += [
            f"  {r.started_at:%H:%M}  {r.spider:<8} {r.source:<20} {r.status:<11} "
            f"{r.finish_reason:<14} {r.items_stored} stored, {r.items_spooled} spooled"
            for r in data["health"]
        ]
        lines.append("")
    lines += feed_health_lines(data.get("feed_health", []))
    if not data["stats"]:
        lines.append(
            f"No report rows for {day}: run `newsetl report --refresh --day {day}` "
            "(or the aggregate_reports DAG)."
        )
        return "\n".join(lines)
    lines.append(
        f"{'source':<20} {'headlines':>9} {'articles':>8} {'words':>8} {'delay p50':>9} "
        f"{'p90':>9} {'no author':>9} {'no date':>7} {'no body':>7}"
    )
    for r in data["stats"]:
        lines.append(
            f"{r.source:<20} {r.headlines_seen:>9} {r.articles_stored:>8} {r.words:>8} "
            f"{minutes(r.median_delay_minutes):>9} {minutes(r.p90_delay_minutes):>9} "
            f"{fmt(r.missing_author_share, '.0%'):>9} {fmt(r.missing_published_share, '.0%'):>7} "
            f"{fmt(r.missing_body_share, '.0%'):>7}"
        )
    lines.append("(delays from publication to ingestion)")
    lines += ["", "Stories told by several outlets"]
    if not data["stories"]:
        lines.append("  none")
    for s in data["stories"]:
        lines.append(
            f"  {s.first_seen_at:%H:%M}  {s.title}\n"
            f"         {s.source_count} sources, {s.distinct_reports} distinct reports: "
            f"{', '.join(s.sources)}"
        )
    lines += ["", "Trending terms (score: log-likelihood of today's use against the background)"]
    if not data["terms"]:
        lines.append("  none")
    for t in data["terms"]:
        lines.append(
            f"  {t.term:<28} {t.kind:<6} {t.docs:>4} docs {t.source_count:>3} sources "
            f"score {t.score:5.1f}"
        )
    return "\n".join(lines)


def feed_health_lines(entry_points: list) -> list[str]:
    if not entry_points:
        return []
    lines = [f"Entry points in poor health (failing, or nothing new for {QUIET_GAPS} usual gaps)"]
    for e in entry_points:
        failures = f", {e.consecutive_failures} failures in a row" if e.consecutive_failures else ""
        newest = f"{e.last_new_entry_at:%Y-%m-%d %H:%M}" if e.last_new_entry_at else "never"
        lines.append(f"  {e.source:<20} {e.kind:<8} {e.problem}{failures}; new: {newest}  {e.url}")
    return [*lines, ""]


# --- HTML -------------------------------------------------------------------------------

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2430;
       margin: 0; background: #f4f5f7; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0 0 12px; }
.sub { color: #667085; margin: 0 0 20px; }
section { background: #fff; border-radius: 10px; padding: 18px 20px; margin: 0 0 18px;
          box-shadow: 0 1px 3px rgba(16, 24, 40, .08); }
.grid { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; }
.grid section { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 6px 8px; border-bottom: 1px solid #eaecf0; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { color: #475467; font-weight: 600; }
ol.stories { margin: 0; padding-left: 22px; } ol.stories > li { margin: 0 0 12px; }
.story-title { font-weight: 600; }
.meta { color: #667085; font-size: 13px; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
        font-size: 12px; margin: 2px 4px 0 0; }
ul.members { margin: 4px 0 0; padding-left: 18px; font-size: 13px; color: #344054; }
.empty { color: #667085; font-style: italic; }
h3 { font-size: 15px; margin: 14px 0 6px; }
tr.bad td, li.bad { color: #b42318; } li.ok { color: #067647; }
a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
svg text { font: 12px system-ui, sans-serif; fill: #475467; }
"""


def source_colors(names) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(names)))}


def volume_chart(day: date, volume: list, colors: dict[str, str]) -> str:
    """Stacked bars: articles stored per source and day, from the first day with data among
    the 14 ending on ``day`` (one day of data is one group of bars, not 13 empty days)."""
    if not volume:
        return f'<p class="empty">No article stored in the {VOLUME_DAYS} days up to {day}.</p>'
    first = min(row.day for row in volume)
    days = [first + timedelta(days=n) for n in range((day - first).days + 1)]
    counts: dict[date, dict[str, int]] = {d: {} for d in days}
    for row in volume:
        counts[row.day][row.source] = row.articles_stored
    top = max([sum(c.values()) for c in counts.values()] + [1])
    step = nice_step(top)
    top = -(-top // step) * step
    width, height, left, bottom, pad = 1100, 300, 48, 40, 14
    plot_h = height - bottom - pad
    slot = min((width - left - 10) / len(days), 90)  # a few days: bars of a usual width
    parts = [
        f'<svg id="volume-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="100%" role="img" aria-label="Articles stored per source and day">'
    ]
    for tick in range(0, top + 1, step):
        y = pad + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eaecf0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, d in enumerate(days):
        x = left + i * slot + slot * 0.15
        y = pad + plot_h
        for source in sorted(counts[d]):
            n = counts[d][source]
            h = plot_h * n / top
            y -= h
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" fill="{colors[source]}"><title>{esc(source)}, {d}: '
                f"{n} articles</title></rect>"
            )
        weight = ' font-weight="700"' if d == day else ""
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{height - bottom + 18}" '
            f'text-anchor="middle"{weight}>{d:%m-%d}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<span class="chip" style="background:{color}">{esc(name)}</span>'
        for name, color in colors.items()
    )
    return "".join(parts) + f"<div>{legend}</div>"


def terms_chart(terms: list) -> str:
    """Horizontal bars: the trending terms' scores."""
    if not terms:
        return '<p class="empty">No term stands out on this day.</p>'
    top = max(t.score for t in terms)
    row, label_w, width = 24, 190, 520
    height = row * len(terms) + 8
    parts = [
        f'<svg id="terms-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="100%" role="img" aria-label="Trending terms by score">'
    ]
    for i, t in enumerate(terms):
        y = 4 + i * row
        w = (width - label_w - 60) * t.score / top
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{esc(t.term)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="#4269d0"><title>{esc(t.kind)} {esc(t.term)}: {t.docs} documents, '
            f"{t.source_count} sources, {t.prev_7_avg:.1f} a day before</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{t.score:.1f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stories_list(stories: list, members: list, colors: dict[str, str]) -> str:
    if not stories:
        return '<p class="empty">No story was told by several outlets on this day.</p>'
    by_story: dict[str, list] = {}
    for m in members:
        by_story.setdefault(m.story_id, []).append(m)
    items = []
    for s in stories:
        chips = "".join(
            f'<span class="chip" style="background:{colors.get(name, "#9498a0")}">'
            f"{esc(name)}</span>"
            for name in s.sources
        )
        lines = "".join(
            f'<li>{esc(m.source)}: <a href="{esc(m.url)}">{esc(m.title)}</a>'
            f"{' (headline only)' if m.headline_only else ''} "
            f'<span class="meta">{times(m.published_at, m.first_seen_at)}</span></li>'
            for m in by_story.get(s.story_id, [])
        )
        items.append(
            f'<li><div class="story-title">{esc(s.title)}</div>'
            f'<div class="meta">first seen {s.first_seen_at:%H:%M} UTC, {s.source_count} '
            f"sources, {s.distinct_reports} distinct reports, {s.member_count} items</div>"
            f'<div>{chips}</div><ul class="members">{lines}</ul></li>'
        )
    return f'<ol class="stories">{"".join(items)}</ol>'


def times(published: datetime | None, seen: datetime) -> str:
    """``published 09:15, seen 09:32 (17 min later)``, in UTC."""
    if published is None:
        return f"seen {seen:%H:%M}, publication time unknown"
    delay = (seen - published).total_seconds() / 60
    later = f" ({minutes(delay)} later)" if delay >= 1 else ""
    return f"published {published:%H:%M}, seen {seen:%H:%M}{later}"


def stats_table(stats: list) -> str:
    if not stats:
        return (
            '<p class="empty">No source was active on this day (or the day is not refreshed).</p>'
        )
    head = (
        "<tr><th>source</th><th>headlines</th><th>articles</th><th>words</th>"
        "<th>delay p50</th><th>p90</th><th>no author</th><th>no date</th>"
        "<th>no body</th></tr>"
    )
    rows = "".join(
        f"<tr><td>{esc(r.source)}</td><td>{r.headlines_seen}</td><td>{r.articles_stored}</td>"
        f"<td>{r.words}</td><td>{minutes(r.median_delay_minutes)}</td>"
        f"<td>{minutes(r.p90_delay_minutes)}</td><td>{fmt(r.missing_author_share, '.0%')}</td>"
        f"<td>{fmt(r.missing_published_share, '.0%')}</td>"
        f"<td>{fmt(r.missing_body_share, '.0%')}</td></tr>"
        for r in stats
    )
    return f"<table>{head}{rows}</table>"


def health_section(data: dict) -> str:
    """The last crawl of each source, the day's crawl runs that did not end well, and the
    data-quality checks."""
    crawls = "".join(
        f'<tr class="{"ok" if r.status == "finished" else "bad"}"><td>{esc(r.source)}</td>'
        f"<td>{esc(r.spider)}</td><td>{r.started_at:%Y-%m-%d %H:%M}</td>"
        f"<td>{esc(r.status)}</td><td>{r.items_stored}</td><td>{r.items_spooled}</td>"
        f"<td>{r.failed_fetches}</td></tr>"
        for r in data.get("crawls", [])
    )
    crawls_table = (
        "<table><tr><th>source</th><th>spider</th><th>started (UTC)</th><th>status</th>"
        f"<th>stored</th><th>spooled</th><th>failed fetches</th></tr>{crawls}</table>"
        if crawls
        else '<p class="empty">No crawl recorded yet.</p>'
    )
    unwell = "".join(
        f"<li>{r.started_at:%H:%M} {esc(r.spider)} {esc(r.source)}: {esc(r.status)}"
        f"{' (' + esc(r.finish_reason) + ')' if r.finish_reason else ''}, {r.items_stored} "
        f"stored, {r.items_spooled} spooled</li>"
        for r in data.get("health", [])
    )
    checks = "".join(
        f'<li class="{"bad" if rows else "ok"}">{esc(name)}: '
        f"{f'{len(rows)} offending rows' if rows else 'passed'}</li>"
        for name, rows in data.get("checks", {}).items()
    )
    return (
        '<section id="health">\n<h2>Crawls and data quality</h2>\n'
        f"<h3>Last crawl of each source</h3>{crawls_table}"
        + (f"<h3>Crawl runs that did not end well</h3><ul>{unwell}</ul>" if unwell else "")
        + f'<h3>Data-quality checks</h3><ul class="checks">{checks}</ul>\n</section>'
    )


def feed_health_table(entry_points: list) -> str:
    if not entry_points:
        return ""
    head = (
        "<tr><th>source</th><th>kind</th><th>entry point</th><th>problem</th>"
        "<th>failures in a row</th><th>last new entry</th></tr>"
    )
    rows = "".join(
        f"<tr><td>{esc(e.source)}</td><td>{esc(e.kind)}</td><td>{esc(e.url)}</td>"
        f"<td>{esc(e.problem)}</td><td>{e.consecutive_failures}</td>"
        f"<td>{esc(f'{e.last_new_entry_at:%Y-%m-%d %H:%M}' if e.last_new_entry_at else 'never')}"
        "</td></tr>"
        for e in entry_points
    )
    title = "<h2>Entry points in poor health</h2>"
    return f"<section>\n{title}\n<table>{head}{rows}</table>\n</section>"


def render_html(day: date, data: dict[str, list]) -> str:
    """One self-contained page: inline CSS and SVG, no script, nothing fetched."""
    colors = source_colors([r.source for r in data["volume"]] + [r.source for r in data["stats"]])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsetl report {day}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>newsetl daily report</h1>
<p class="sub">{day:%A %d %B %Y} (UTC)</p>
{empty_state(day) if not data["stats"] and not data["volume"] else ""}
<section>
<h2>Articles stored per source, up to {VOLUME_DAYS} days</h2>
{volume_chart(day, data["volume"], colors)}
</section>
<div class="grid">
<section>
<h2>Stories told by several outlets</h2>
{stories_list(data["stories"], data["members"], colors)}
</section>
<section>
<h2>Trending terms</h2>
{terms_chart(data["terms"])}
</section>
</div>
<section>
<h2>Sources on {day}</h2>
{stats_table(data["stats"])}
</section>
{feed_health_table(data.get("feed_health", []))}
{health_section(data)}
</main>
</body>
</html>
"""


def empty_state(day: date) -> str:
    return (
        '<section id="empty-state"><h2>Nothing to report for this day yet</h2>'
        f"<p>No article or headline is counted for {day}. Crawl a source "
        "(<code>newsetl crawl SOURCE</code>), then compute the day's reports "
        f"(<code>newsetl report --refresh --day {day}</code>, or the "
        "<code>aggregate_reports</code> DAG).</p></section>"
    )


def esc(value) -> str:
    return html.escape(str(value))


def nice_step(top: int) -> int:
    """A round tick step giving at most about 5 gridlines up to ``top``."""
    step = 1
    while top / step > 5:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if top / step <= 5:
                break
    return step
