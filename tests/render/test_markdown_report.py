"""The Markdown report: complete, and plan text cannot inject Markdown or HTML."""

from __future__ import annotations

from concept_audit.model import ElementVerdict, Evidence, Report, SectionVerdict, SourceInfo, summarise
from concept_audit.render.markdown import md_escape, render_markdown


def _report(quote: str) -> Report:
    verdicts = [
        ElementVerdict("strategi.evaluering", "Strategi", "strategisk", "Evaluering", "weak", 0.4,
                       "Omtalt, men uden hyppighed.", [Evidence(quote, 3, ["2. Opfølgning"], 12)],
                       found=["ansvarlig funktion"], lacking=["fast hyppighed"], template_sections=["1.3.3"],
                       asks="Fast procedure for evaluering", help_questions=["Hvornår evalueres planen?"]),
        ElementVerdict("organisering.dokumentation", "Organisering", "udførende", "Dokumentation", "covered",
                       0.9, "Beskrevet konkret.", []),
    ]
    return Report(SourceInfo("plan.pdf", "pdf", 10, "ab" * 32, "Plan <b>X</b>", "2025-01-01"),
                  {"name": "national-concept", "version": "1"}, verdicts,
                  [SectionVerdict("1.3.3", "Evaluering", "weak", ["strategi.evaluering"])], summarise(verdicts))


def test_markdown_lists_elements_quotes_and_help_for_weak() -> None:
    text = render_markdown(_report("Planen evalueres af styregruppen."))
    assert "Evaluering" in text and "Dokumentation" in text
    assert "> Planen evalueres af styregruppen." in text
    assert "s. 3" in text and "2. Opfølgning" in text
    assert "Hvornår evalueres planen?" in text
    assert "fast hyppighed" in text
    assert "| 1.3.3 | Evaluering |" in text


def test_plan_text_is_neutralised() -> None:
    text = render_markdown(_report("<script>alert(1)</script> [klik](http://x) | a |"))
    assert "<script>" not in text and "<b>" not in text
    assert "[klik](http" not in text and "\\[klik\\]" in text
    assert md_escape("a|b") == "a\\|b"
