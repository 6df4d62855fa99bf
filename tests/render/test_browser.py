"""The HTML report rendered by a real browser (Debian's chromium, headless, no network, no download).

lxml tells us what the file says; the browser tells us what a reader gets: the DOM after parsing, with
the Content-Security-Policy applied. The 25 elements and their statuses must be there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from concept_audit.audit import audit
from concept_audit.i18n import status_label
from concept_audit.render.html import render_html

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


def dump_dom(page: Path, profile: Path) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_browser_shows_all_elements_and_statuses(tmp_path: Path) -> None:
    report = audit(ROOT / "corpora" / "src" / "bakkedal.md")
    assert len(report.elements) == 25
    page = tmp_path / "rapport.html"
    page.write_text(render_html(report), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    tree = lxml_html.document_fromstring(dom)
    articles = tree.xpath("//article[@data-element]")
    assert [a.get("data-element") for a in articles] == [v.id for v in report.elements]
    for article, verdict in zip(articles, report.elements):
        assert verdict.name in article.text_content()
        badge = article.xpath(".//span[contains(concat(' ', @class, ' '), ' status ')]")[0]
        assert badge.text_content() == status_label(verdict.status, "da")
    # statuses are varied on this plan, so the test sees every colour class
    assert {a.get("data-status") for a in articles} == {"covered", "weak", "missing"}
