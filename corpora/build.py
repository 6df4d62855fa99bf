"""Build the corpus files from their sources: ``python corpora/build.py [IDS...]``.

For every source ``corpora/src/<id>.md`` (or the ids given) this writes ``plans/<id>.docx`` in the layout
the front matter names and, where the manifest lists ``pdf``, ``plans/<id>.pdf``: exported from the DOCX
with LibreOffice (as a municipality exports from Word), or, for a plan with the ``designed-two-column``
axis, a two-column brochure drawn with reportlab (as from a layout program). Without ids it also builds
the benchmark pair ``bench/bench-40.docx`` / ``bench-40.pdf`` from the dev plans.

The generated files are committed, so tests never need LibreOffice. Builds are reproducible: a DOCX is
byte-identical when its source has not changed, and then its PDF is not exported again (``--force`` to
re-export anyway).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _docxgen import build_docx  # noqa: E402
from _source import read_source  # noqa: E402

SRC = HERE / "src"
PLANS = HERE / "plans"
BENCH = HERE / "bench"
DESIGNED_AXIS = "designed-two-column"


def load_manifest() -> dict[str, dict]:
    data = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))
    return {plan["id"]: plan for plan in data["plans"]}


def soffice_to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Export DOCX files to PDF with LibreOffice headless, in a private profile.

    A private profile keeps this from colliding with another LibreOffice running on the machine (a
    shared profile makes a second headless instance exit silently without converting).
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to export PDFs; it is not on PATH")
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as tmp:
        profile = Path(tmp) / "profile"
        work = Path(tmp) / "out"
        work.mkdir()
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), *map(str, docx_files)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        produced = []
        for docx_file in docx_files:
            pdf = work / (docx_file.stem + ".pdf")
            if not pdf.exists():
                raise SystemExit(f"LibreOffice did not convert {docx_file.name}:\n{result.stdout}\n{result.stderr}")
            target = outdir / pdf.name
            shutil.move(str(pdf), target)
            produced.append(target)
    return produced


def build_plan(plan_id: str, manifest: dict[str, dict], *, force: bool) -> tuple[Path | None, list[str]]:
    """Write the plan's DOCX (and designed PDF); return the DOCX when LibreOffice must export it."""
    source_path = SRC / f"{plan_id}.md"
    source = read_source(source_path)
    entry = manifest.get(plan_id)
    formats = entry["formats"] if entry else ["docx", "pdf"]
    notes = []
    if entry is None:
        notes.append("not in manifest.yaml: built as docx + pdf")
    docx_path = PLANS / f"{plan_id}.docx"
    old = docx_path.read_bytes() if docx_path.exists() else None
    new = build_docx(source, docx_path)
    changed = old != new
    notes.append(f"docx {len(new) // 1024} KB{'' if changed else ' (unchanged)'}")
    if "pdf" not in formats:
        return None, notes
    pdf_path = PLANS / f"{plan_id}.pdf"
    if entry and DESIGNED_AXIS in entry.get("axes", []):
        from _designed import build_brochure

        build_brochure(source, pdf_path)
        notes.append(f"designed pdf {pdf_path.stat().st_size // 1024} KB")
        return None, notes
    if changed or force or not pdf_path.exists():
        return docx_path, notes
    notes.append("pdf kept")
    return None, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ids", nargs="*", help="plan ids (default: every source in corpora/src)")
    parser.add_argument("--force", action="store_true", help="export PDFs even when the DOCX is unchanged")
    parser.add_argument("--no-bench", action="store_true", help="skip the benchmark pair")
    parser.add_argument("--bench-only", action="store_true", help="build only the benchmark pair")
    args = parser.parse_args(argv)

    manifest = load_manifest()
    ids = args.ids or sorted(p.stem for p in SRC.glob("*.md"))
    missing = [i for i in ids if not (SRC / f"{i}.md").exists()]
    if missing:
        parser.error(f"no source for: {', '.join(missing)}")
    PLANS.mkdir(exist_ok=True)

    to_export: list[Path] = []
    if not args.bench_only:
        for plan_id in ids:
            docx_path, notes = build_plan(plan_id, manifest, force=args.force)
            print(f"{plan_id}: {'; '.join(notes)}")
            if docx_path is not None:
                to_export.append(docx_path)
        if to_export:
            for pdf in soffice_to_pdf(to_export, PLANS):
                print(f"{pdf.stem}: pdf {pdf.stat().st_size // 1024} KB (LibreOffice)")

    if args.bench_only or (not args.ids and not args.no_bench):
        from _bench import build_bench

        for line in build_bench(manifest, force=args.force, to_pdf=soffice_to_pdf):
            print(line)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
