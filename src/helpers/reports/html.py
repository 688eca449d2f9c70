"""HTML around the reports: the header of each report page, and the index of all of them.

Every value that comes from data, config or a notebook (titles, parameters, error messages) is
escaped, so text holding HTML or script is shown as text, never run.
"""

from __future__ import annotations

import json
import re
from html import escape

from ..present.locale import t

STYLE = """
<style>
.report-meta{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:14px;color:#222;max-width:1100px;
 margin:16px auto;padding:12px 16px;border-left:4px solid #D55E00;background:#fafafa}
.report-meta h1{font-size:20px;margin:0 0 6px}
.report-meta dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:0}
.report-meta dt{color:#666}.report-meta dd{margin:0}
.report-meta code{background:#eee;padding:0 3px}
</style>
"""


def _params(params: dict) -> str:
    return ", ".join(
        f"<code>{escape(k)}={escape(json.dumps(v, ensure_ascii=False))}</code>" for k, v in params.items()
    )


def report_header(meta: dict, lang: str = "en") -> str:
    """The block at the top of a report page: title, parameters, data version, build time; a link
    back to the index at ``meta["index_href"]``. The page chrome is in English (``lang``)."""
    built = t("built_in", lang).format(at=escape(meta["built_at"]), secs=meta["duration_s"])
    rows = [
        (t("report", lang), escape(meta["name"])),
        (t("parameters", lang), _params(meta["parameters"]) or t("defaults", lang)),
        (t("data_version", lang), f"<code>{escape(meta['data_version'])}</code>"),
        (t("built", lang), built),
    ]
    if meta.get("error"):
        rows.append((t("error", lang), f"<strong>{escape(meta['error'])}</strong>"))
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'{STYLE}<header class="report-meta"><p><a href="{escape(meta["index_href"])}">'
        f"&larr; {t('all_reports', lang)}</a></p><h1>{escape(meta['title'])}</h1><dl>{items}</dl></header>"
    )


def with_header(page: str, header: str) -> str:
    """Insert ``header`` right after the page's <body> tag."""
    m = re.search(r"<body[^>]*>", page)
    if not m:
        return header + page
    return page[: m.end()] + header + page[m.end() :]


def index_page(
    entries: list[dict],
    data_version: str,
    generated: str,
    manifest_href: str,
    lang: str = "en",
    extra: str = "",
) -> str:
    """The index of every report with title, parameters, status and date (links as ``outputs`` gives
    them); ``extra`` is HTML put before the table (the latest data changes and the data page link)."""
    rows = []
    for e in entries:
        status = escape(e["status"])
        link = (
            f'<a href="{escape(e["href"])}">{escape(e["title"])}</a>' if e.get("href") else escape(e["title"])
        )
        detail = (
            f'<br><a class="fail" href="{escape(e["failed_href"])}">{t("failed_run", lang)}</a>: {escape(e["error"])}'
            if e.get("failed_href")
            else ""
        )
        rows.append(
            f"<tr class='{status.replace(' ', '-')}'><td>{link}<br><small>{escape(e['name'])}</small></td>"
            f"<td>{_params(e['parameters'])}</td><td>{status}{detail}</td><td>{escape(e.get('built_at') or '')}</td>"
            f"<td>{escape(e.get('duration') or '')}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{t("site_title", lang)}: {t("reports", lang)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:"DejaVu Sans",system-ui,sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}}
table{{border-collapse:collapse;width:100%}}td,th{{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;
vertical-align:top}}th{{background:#f3f3f3}}code{{background:#eee;padding:0 3px}}small{{color:#666}}
tr.failed td:nth-child(3),a.fail{{color:#b00020;font-weight:bold}}
</style></head><body>
<h1>{t("site_title", lang)}</h1>
<p>Reports regenerated from the sourced dataset. Data version <code>{escape(data_version)}</code>;
index written {escape(generated)}. See <a href="{manifest_href}">{manifest_href}</a> for inputs, versions and hashes.</p>
{extra}
<table><thead><tr><th>{t("report", lang)}</th><th>{t("parameters", lang)}</th><th>{t("status", lang)}</th><th>{t("built", lang)}</th><th>{t("run_time", lang)}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
