"""Typed errors for bad input, each with a Danish and an English message.

The CLI turns any :class:`ConceptAuditError` into one line naming the file and the problem, and exit
status 2, never a traceback. Code raises with a message *code* and parameters; the wording lives here, in
one place, so both languages stay in step.
"""

from __future__ import annotations

from pathlib import Path

# code -> (Danish, English). ``{detail}`` is optional extra context from the raiser.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("filen findes ikke", "file not found"),
    "is_directory": ("er en mappe, ikke en fil", "is a directory, not a file"),
    "unreadable": ("filen kan ikke læses ({detail})", "the file cannot be read ({detail})"),
    "empty": ("filen er tom", "the file is empty"),
    "unsupported": (
        "formatet understøttes ikke ({detail}); brug DOCX, PDF, TXT eller Markdown",
        "unsupported format ({detail}); use DOCX, PDF, TXT or Markdown",
    ),
    "mismatch": (
        "indholdet passer ikke til filtypen: filen hedder .{ext} men er {actual}",
        "the content does not match the extension: the file is named .{ext} but is {actual}",
    ),
    "corrupt_docx": (
        "DOCX-filen er beskadiget eller ufuldstændig ({detail})",
        "the DOCX file is corrupt or truncated ({detail})",
    ),
    "corrupt_pdf": (
        "PDF-filen er beskadiget eller ufuldstændig ({detail})",
        "the PDF file is corrupt or truncated ({detail})",
    ),
    "encrypted": (
        "PDF-filen er krypteret eller beskyttet med adgangskode",
        "the PDF file is encrypted or password-protected",
    ),
    "encrypted_docx": (
        "Word-filen er krypteret med adgangskode; gem den uden adgangskode og prøv igen",
        "the Word file is encrypted with a password; save it without a password and try again",
    ),
    "no_text": (
        "PDF-filen har intet tekstlag (den ser scannet ud); kør OCR på den først",
        "the PDF has no text layer (it looks scanned); run OCR on it first",
    ),
    "zip_bomb": (
        "DOCX-filen afvises: {detail} (mulig zip-bombe)",
        "the DOCX file is refused: {detail} (possible zip bomb)",
    ),
    "pdf_bomb": (
        "PDF-filen afvises: {detail} (mulig dekomprimeringsbombe)",
        "the PDF file is refused: {detail} (possible decompression bomb)",
    ),
    "hostile_xml": (
        "XML i filen afvises: {detail}",
        "XML in the file is refused: {detail}",
    ),
    "too_large": (
        "filen afvises: {detail}",
        "the file is refused: {detail}",
    ),
    "not_text": (
        "tekstfilen er ikke gyldig tekst ({detail})",
        "the text file is not valid text ({detail})",
    ),
    "timeout": ("behandlingen tog for lang tid ({detail})", "processing took too long ({detail})"),
    "crashed": ("behandlingen stoppede uventet ({detail})", "processing stopped unexpectedly ({detail})"),
    "no_input": (
        "ingen DOCX- eller PDF-filer at vurdere ({detail})",
        "no DOCX or PDF files to audit ({detail})",
    ),
    "rules": ("regelsættet er ugyldigt: {detail}", "the rule set is invalid: {detail}"),
    "corpus": ("korpus er ugyldigt: {detail}", "the corpus is invalid: {detail}"),
    "output": ("kan ikke skrive resultatet ({detail})", "cannot write the output ({detail})"),
}


class ConceptAuditError(Exception):
    """An expected failure on bad input: reported as one line, exit status 2."""

    exit_code = 2

    def __init__(self, path: str | Path | None, code: str, **params: object) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        self.path = str(path) if path is not None else None
        self.code = code
        self.params = {"detail": "", **params}
        super().__init__(self.message("en"))

    def message(self, lang: str = "da") -> str:
        da, en = MESSAGES[self.code]
        text = (en if lang == "en" else da).format(**self.params)
        text = text.replace(" ()", "")
        return f"{self.path}: {text}" if self.path else text


class InputError(ConceptAuditError):
    """The plan file cannot be read as a plan."""


class RulesError(ConceptAuditError):
    """The rule set is invalid; the detail names the file, the element and the field."""

    def __init__(self, path: str | Path | None, detail: str) -> None:
        super().__init__(path, "rules", detail=detail)
