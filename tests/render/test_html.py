"""The HTML report: complete, in the report's language, and safe against a hostile plan.

A plan is untrusted input. The hostile-plan tests put markup in every place plan text can reach (title,
headings, quotes, file name) and parse the result: no element or attribute may come from the plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from concept_audit.audit import audit
from concept_audit.model import ElementVerdict, Evidence, Report, SectionVerdict, SourceInfo, summarise
from concept_audit.render.html import render_html

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">klik</a>'

HOSTILE_PLAN = f"""---
title: Handlingsplan {HOSTILE}
date: 2025-01-01
---
# Handlingsplan mod ekstremisme {HOSTILE}

## 1.3.6 Beredskabsorganisering </h2><script>alert(3)</script>

Kommunens beredskab ved akutte sager om ekstremisme ledes af direktøren for Børn og Unge {HOSTILE}.
Beredskabsplanen aktiveres af SSP-koordinatoren, som indkalder akutteamet inden for 24 timer.
Akutteamet mødes hver måned og samarbejder med politiet og infohuset om akutte sager. </blockquote><script>alert(4)</script>

## Infohus "><svg onload=alert(5)>

Kommunen deltager i infohuset i politikredsen, og SSP-koordinatoren er kommunens faste repræsentant.
"""


def _hostile_report() -> Report:
    """A report where every string field carries markup, as an edited rule set or a plan could supply."""
    elements = []
    for i, status in enumerate(["covered", "weak", "missing"] * 8 + ["weak"]):
        elements.append(ElementVerdict(
            id=f"kap.element-{i}", chapter=f"Kapitel {i // 9} {HOSTILE}", level="strategisk" if i % 2 else "udførende",
            name=f"Element {i} {HOSTILE}", status=status, score=0.5, reason=f"Begrundelse {HOSTILE}",
            evidence=[Evidence(quote=f"Citat {HOSTILE}", page=3, section=[f"2.1 Afsnit {HOSTILE}"], block=7)],
            found=[f"ansvarlig {HOSTILE}"], lacking=[f"frekvens {HOSTILE}"], template_sections=["2.1"],
            asks=f"Konceptet {HOSTILE}", help_questions=[f"Hvem {HOSTILE}?"],
            details={"levels": {f"opbyggende {HOSTILE}": {"fields": [HOSTILE], "missing": [HOSTILE], "passages": 2}},
                     "note": HOSTILE},
        ))
    source = SourceInfo(path=f"/tmp/{HOSTILE}.docx", format="docx", pages=3, sha256="ab" * 32,
                        title=f"Plan {HOSTILE}", date=HOSTILE)
    sections = [SectionVerdict(id="2.1", title=f"Afsnit {HOSTILE}", status="weak", elements=[elements[0].id])]
    return Report(source, {"name": f"regler {HOSTILE}", "version": HOSTILE}, elements, sections, summarise(elements))


def _assert_no_injection(markup: str) -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(markup)
    assert not tree.xpath("//script"), "the report itself has no scripts, so any <script> came from the plan"
    assert not tree.xpath("//img | //svg | //iframe | //object | //embed")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            assert not attr.lower().startswith("on"), (el.tag, attr)
            assert "javascript:" not in value.lower(), (el.tag, attr, value)
    # the plan's text is still shown, as text
    assert 'alert("x")' in tree.text_content()
    assert "<script>" in tree.text_content()
    return tree


def test_hostile_report_fields_are_escaped() -> None:
    markup = render_html(_hostile_report())
    tree = _assert_no_injection(markup)
    assert len(tree.xpath("//article[@data-element]")) == 25


def test_hostile_plan_end_to_end(tmp_path: Path) -> None:
    plan = tmp_path / "hostile.md"
    plan.write_text(HOSTILE_PLAN, encoding="utf-8")
    report = audit(plan)
    markup = render_html(report)
    tree = _assert_no_injection(markup)
    quotes = " ".join(q.text_content() for q in tree.xpath("//blockquote"))
    assert "<script>" in quotes, "the hostile sentences should be quoted as evidence, escaped"
    assert "onload=alert(5)" in tree.text_content() or "svg onload" in tree.text_content()


@pytest.fixture(scope="module")
def fjordby() -> Report:
    return audit(ROOT / "corpora" / "src" / "fjordby.md")


def test_report_content_danish(fjordby: Report) -> None:
    markup = render_html(fjordby)
    tree = lxml_html.document_fromstring(markup)
    assert tree.get("lang") == "da"
    text = tree.text_content()
    assert fjordby.source.title in text and "2025-03-12" in text
    assert "Sammenfatning" in text and "samlet score" in text
    articles = tree.xpath("//article[@data-element]")
    assert [a.get("data-element") for a in articles] == [v.id for v in fjordby.elements]
    for article, verdict in zip(articles, fjordby.elements):
        assert article.get("data-status") == verdict.status
        badge = article.xpath(".//span[contains(@class, 'status')]")[0].text_content()
        assert badge == {"covered": "dækket", "weak": "svag", "missing": "mangler"}[verdict.status]
        if verdict.status != "covered" and verdict.help_questions:
            assert verdict.help_questions[0] in article.text_content()
        if verdict.evidence:
            assert len(article.xpath(".//blockquote")) == len(verdict.evidence)
    # one bar per chapter, the template-section view, a print stylesheet, nothing from the network
    chapters = {v.chapter for v in fjordby.elements}
    assert len(tree.xpath("//table[@class='bars']//tbody/tr")) == len(chapters)
    assert [r.get("data-section") for r in tree.xpath("//tr[@data-section]")] == [s.id for s in fjordby.sections]
    assert "@media print" in markup
    assert "http://" not in markup and "https://" not in markup
    assert not tree.xpath("//link | //script")


def test_report_english(fjordby: Report) -> None:
    report = Report.from_dict({**fjordby.to_dict(), "lang": "en"})
    tree = lxml_html.document_fromstring(render_html(report))
    assert tree.get("lang") == "en"
    assert "Summary" in tree.text_content() and "Sammenfatning" not in tree.text_content()
    badges = {b.text_content() for b in tree.xpath("//article//span[contains(@class, 'status')]")}
    assert badges <= {"covered", "weak", "missing"}
