"""User-facing words outside error messages, in Danish (default) and English."""

from __future__ import annotations

STATUS_LABELS = {
    "da": {"covered": "dækket", "weak": "svag", "missing": "mangler"},
    "en": {"covered": "covered", "weak": "weak", "missing": "missing"},
}


def status_label(status: str, lang: str = "da") -> str:
    return STATUS_LABELS.get(lang, STATUS_LABELS["da"]).get(status, status)


def t(da: str, en: str, lang: str = "da") -> str:
    """Pick the Danish or English wording; keeps both texts side by side at the call site."""
    return en if lang == "en" else da
