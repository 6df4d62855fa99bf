"""Small PDFs built in code for the PDF extractor tests (reportlab canvas: exact positions, no files)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

W, H = A4
LEFT = 72
HEADER = "Testby Kommune · Handlingsplan mod ekstremisme"


class Writer:
    """Writes lines top-down on a canvas, with running header and "Side X af Y" footer per page."""

    def __init__(self, path: Path, pages: int, **canvas_args) -> None:
        self.canvas = Canvas(str(path), pagesize=A4, **canvas_args)
        self.canvas.setTitle("Testplan")
        self.canvas.setAuthor("Testby Kommune")
        self.pages = pages
        self.page = 0
        self.y = 0.0
        self.new_page(first=True)

    def new_page(self, first: bool = False) -> None:
        if not first:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        c.setFont("Helvetica", 8)
        c.drawString(LEFT, H - 36, HEADER)
        c.drawRightString(W - LEFT, 30, f"Side {self.page} af {self.pages}")
        self.y = H - 80

    def line(self, text: str, size: float = 10, font: str = "Helvetica", x: float = LEFT, after: float = 0) -> None:
        self.y -= size * 1.25
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.y, text)
        self.y -= after

    def runs(self, parts: list[tuple[str, str]], size: float = 10, after: float = 0) -> None:
        """One line of mixed fonts, e.g. a bold lead-in sentence followed by regular text."""
        self.y -= size * 1.25
        x = LEFT
        for font, text in parts:
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, self.y, text)
            x += stringWidth(text, font, size)
        self.y -= after

    def gap(self, points: float = 8) -> None:
        self.y -= points

    def save(self) -> None:
        self.canvas.save()


def build_plan(path: Path) -> Path:
    """Three pages: heading hierarchy, hyphenation, lists, bold lead-in, a ruled table, a numbered heading."""
    w = Writer(path, pages=3)
    w.line("Handlingsplan mod ekstremisme", 22, "Helvetica-Bold", after=10)
    w.line("1. Strategi og rammer for det", 16, "Helvetica-Bold")
    w.line("forebyggende arbejde", 16, "Helvetica-Bold", after=6)
    w.line("Planen beskriver kommunens beredskabs-")
    w.line("organisering og det tætte SSP-")
    w.line("samarbejde med politiet på social-")
    w.line("og sundhedsområdet i hele kommunen.", after=8)
    w.line("1.1 Rammer", 13, "Helvetica-Bold", after=4)
    w.runs([("Helvetica-Bold", "Vigtigt. "), ("Helvetica", "Resten af afsnittet er almindelig brødtekst om rammerne,")])
    w.line("som fortsætter på næste linje uden at blive en overskrift.", after=8)
    w.line("1.1.1 Formål", 11, "Helvetica-Bold", after=4)
    w.line("Planen skal:", after=4)
    w.line("•", x=LEFT + 4)
    w.y += 12.5
    w.line("give overblik over indsatsen", x=LEFT + 18)
    w.line("•", x=LEFT + 4)
    w.y += 12.5
    w.line("gøre det klart, hvem der gør hvad, når der", x=LEFT + 18)
    w.line("opstår en bekymring", x=LEFT + 18)
    w.line("–", x=LEFT + 22)
    w.y += 12.5
    w.line("også uden for åbningstid", x=LEFT + 36, after=8)
    w.line("Et afsnit efter listen, der slutter siden.")
    # Page 2: a ruled table between two paragraphs.
    w.new_page()
    w.line("2. Organisering", 16, "Helvetica-Bold", after=6)
    w.line("Tabellen viser ansvaret:", after=10)
    rows = [("Niveau", "Hvem", "Ansvar"), ("Politisk", "Byrådet", "Vedtager planen"),
            ("Strategisk", "Styregruppen", "Følger op hvert år"), ("Udførende", "Infohuset", "Behandler sager")]
    top = w.y
    widths = [110, 140, 200]
    c = w.canvas
    for r, row in enumerate(rows):
        x = LEFT
        for text, width in zip(row, widths):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
            c.drawString(x + 4, top - 20 * r - 14, text)
            x += width
    c.setLineWidth(0.8)
    for r in range(len(rows) + 1):
        c.line(LEFT, top - 20 * r, LEFT + sum(widths), top - 20 * r)
    x = LEFT
    for width in [0, *widths]:
        x += width
        c.line(x, top, x, top - 20 * len(rows))
    w.y = top - 20 * len(rows) - 10
    w.line("Teksten efter tabellen.", after=8)
    w.new_page()
    w.line("2.1.4 Sagsflow og registrering", after=4)
    w.line("Alle henvendelser registreres samme dag i kommunens sagssystem.")
    w.save()
    return path


def grid(w: Writer, rows: list[tuple[str, ...]], widths: list[float], *, bold_rows: tuple[int, ...] = (0,),
         row_height: float = 20, top: float | None = None) -> None:
    """A ruled table (LibreOffice's 'Table Grid': every cell boxed) from ``top`` (default: the writer's y).
    A cell's text may hold line breaks ("\n"): its lines are drawn 12 pt apart."""
    c = w.canvas
    top = w.y if top is None else top
    for r, row in enumerate(rows):
        x = LEFT
        for text, width in zip(row, widths):
            c.setFont("Helvetica-Bold" if r in bold_rows else "Helvetica", 10)
            for i, line in enumerate(text.split("\n")):
                c.drawString(x + 4, top - row_height * r - 14 - 12 * i, line)
            x += width
    c.setLineWidth(0.8)
    for r in range(len(rows) + 1):
        c.line(LEFT, top - row_height * r, LEFT + sum(widths), top - row_height * r)
    x = LEFT
    for width in [0, *widths]:
        x += width
        c.line(x, top, x, top - row_height * len(rows))
    w.y = top - row_height * len(rows) - 10


WIDTHS = [110, 200, 140]


def build_broken_tables(path: Path) -> Path:
    """Tables broken over pages, column headers without rules, a one-row table, a footer drawn as a table.

    Page 1 ends with the bold header row of a table whose body rows open page 2 (what LibreOffice does
    with a 'Table Grid' table that reaches the foot of a page and has no repeating header row). Page 2
    ends with a table whose second row is broken over the page; page 3 repeats its header row, then the
    rest of that row (the cells that fit on page 2 are empty) and one more row.
    """
    w = Writer(path, pages=3)
    w.line("3. Hvem gør hvad?", 16, "Helvetica-Bold", after=6)
    while w.y > 150:
        w.line("Opgaverne er knyttet til funktioner, og alle funktioner har en fast stedfortræder i kommunen.")
    w.gap(10)
    grid(w, [("Funktion", "Opgave i en akut situation", "Stedfortræder")], WIDTHS)
    w.new_page()
    grid(w, [("Medarbejderen", "Ringer 112 ved fare", "–"),
             ("Nærmeste leder", "Orienterer kontaktpersonen", "Souschef"),
             ("Kommunaldirektøren", "Beslutter om krisestaben", "Direktøren")], WIDTHS, bold_rows=())
    w.line("Teksten efter den første tabel.", after=8)
    while w.y > 190:
        w.line("Kontaktpersonen ajourfører telefonlisten ved personaleskift og mindst hvert halve år.")
    w.gap(10)
    top = w.y
    grid(w, [("Hvem", "Hvad", "Hvornår"), ("Lederen", "Orienterer Info-huset", "Samme dag")], WIDTHS)
    c = w.canvas  # the broken row: two lines of its second cell fit on this page
    c.setFont("Helvetica", 10)
    c.drawString(LEFT + 4, top - 54, "Kontaktpersonen")
    c.drawString(LEFT + 114, top - 54, "Kontakter politiet og")
    c.drawString(LEFT + 314, top - 54, "Samme dag")
    c.setLineWidth(0.8)
    c.line(LEFT, top - 64, LEFT + sum(WIDTHS), top - 64)
    x = LEFT
    for width in [0, *WIDTHS]:
        x += width
        c.line(x, top - 40, x, top - 64)
    w.new_page()
    grid(w, [("Hvem", "Hvad", "Hvornår"), ("", "vurderer sagen", ""),
             ("Borgmesteren", "Udtaler sig efter aftale", "Efter behov")], WIDTHS)
    w.line("Efter den anden tabel kommer et overblik uden streger:", after=8)
    c = w.canvas
    y = w.y - 12.5
    for x, text in ((LEFT, "Funktion"), (LEFT + 150, "Opgave")):  # column headers without rules
        c.setFont("Helvetica-Bold", 10)
        c.drawString(x, y, text)
    y -= 14
    for x, text in ((LEFT, "Tovholderen"), (LEFT + 150, "Modtager alle henvendelser")):
        c.setFont("Helvetica", 10)
        c.drawString(x, y, text)
    w.y = y - 8
    w.line("En tabel med en enkelt række:", after=8)
    grid(w, [("Alarm ved fare", "112", "Døgnet rundt")], WIDTHS, bold_rows=())
    w.runs([("Helvetica-Bold", "2.1"), ("Helvetica-Bold", " " * 12 + "Organisering")], 13, after=4)
    w.line("Organiseringen følger kommunens generelle beredskabsplan og er beskrevet her.")
    grid(w, [("Fortroligt", "")], [200, 250], top=62, row_height=18)  # a footer drawn as a table
    w.save()
    return path


def build_adjacent_tables(path: Path) -> Path:
    """Two tables with the same columns, one ending page 1 and one opening page 2, each with its own header."""
    w = Writer(path, pages=2)
    w.line("Mødefora", 16, "Helvetica-Bold", after=6)
    while w.y > 200:
        w.line("Kommunen holder faste møder med politiet og skolerne om bekymringer for unge.")
    w.gap(10)
    grid(w, [("Forum", "Deltagere", "Hvor tit"), ("Styregruppen", "Direktørerne", "Kvartalsvis"),
             ("Infohuset", "Politi og kommune", "Hver måned")], WIDTHS)
    w.new_page()
    grid(w, [("Kursus", "Målgruppe", "Hvornår"), ("Grundkursus", "Nye medarbejdere", "Hvert forår")], WIDTHS)
    w.line("Teksten efter tabellerne.")
    w.save()
    return path


def build_columns(path: Path) -> Path:
    """One page in two columns with a heading bar (white on dark) and a shaded fact box in the right column."""
    c = Canvas(str(path), pagesize=A4)
    col_w, gutter = 220, 30
    left_x, right_x = 60, 60 + col_w + gutter
    c.setFont("Helvetica-Bold", 20)
    c.drawString(left_x, H - 70, "Tryghed i to spalter")
    # Heading bar at the top of the left column.
    c.setFillColorRGB(0.0, 0.3, 0.35)
    c.rect(left_x, H - 118, col_w, 22, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(left_x + 6, H - 111, "Sådan arbejder vi")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 10)
    y = H - 136
    for i in range(1, 31):
        c.drawString(left_x, y, f"Venstre spalte linje {i} om samarbejdet")
        y -= 12.5
    y = H - 110
    for i in range(1, 13):
        c.drawString(right_x, y, f"Højre spalte linje {i} om indsatsen")
        y -= 12.5
    # The fact box, inside the right column.
    box_top = y - 4
    c.setFillColorRGB(0.89, 0.95, 0.94)
    c.rect(right_x - 4, box_top - 70, col_w, 70, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(right_x + 4, box_top - 16, "Faktaboks: Det siger loven")
    c.setFont("Helvetica", 10)
    c.drawString(right_x + 4, box_top - 30, "Kommunen skal have et skriftligt")
    c.drawString(right_x + 4, box_top - 43, "beredskab mod ekstremisme.")
    y = box_top - 90
    for i in range(13, 25):
        c.drawString(right_x, y, f"Højre spalte linje {i} om indsatsen")
        y -= 12.5
    c.save()
    return path


def build_encrypted(path: Path) -> Path:
    c = Canvas(str(path), pagesize=A4, encrypt="hemmelig")
    c.drawString(72, 700, "Fortrolig handlingsplan")
    c.save()
    return path


def build_image_only(path: Path) -> Path:
    """A "scanned" page: an image and no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (200, 280), 230)
    c = Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(ImageReader(image), 40, 40, W - 80, H - 80)
        c.showPage()
    c.save()
    return path


# ------------------------------------------------------------------------------------ hostile files


def raw_pdf(streams: list[tuple[bytes, bytes]], pages: int = 1) -> bytes:
    """A minimal, valid PDF whose first page's contents are the given (filter, data) streams."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    first_stream = 3 + pages
    contents = " ".join(f"{first_stream + i} 0 R" for i in range(len(streams)))
    for i in range(pages):
        extra = f" /Contents [{contents}]" if i == 0 and streams else ""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]{extra} >>".encode())
    for filters, data in streams:
        objects.append(b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def deflate_zeros(total: int, chunk: int = 8 * 1024 * 1024) -> bytes:
    """A valid zlib stream of ``total`` zero bytes (a multiple of ``chunk``), built without compressing it all.

    After a full flush deflate forgets its history, so every further ``chunk`` of zeros compresses to
    the same bytes: one piece repeated, plus the zlib header, an empty final block and the Adler-32 of
    ``total`` zeros (a = 1, b = total mod 65521). 2 GB become about 2 MB in milliseconds.
    """
    assert total % chunk == 0
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(chunk)
    packer.compress(zeros)
    packer.flush(zlib.Z_FULL_FLUSH)
    piece = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = ((total % 65521) << 16) | 1
    return b"\x78\xda" + piece * (total // chunk) + b"\x03\x00" + adler.to_bytes(4, "big")
