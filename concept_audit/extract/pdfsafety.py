"""Refuse hostile PDFs before any parser touches them.

A PDF stream can be a few megabytes on disk and gigabytes once inflated (a "decompression bomb"); a
parser that inflates it into memory takes the machine down with it. So before parsing, every stream in
the raw file is decoded *incrementally* with a running count and the output thrown away: nothing larger
than one chunk is ever held, and decoding stops the moment a cap is crossed. The scan also notices a
file cut off in the middle (a stream without ``endstream``, no ``%%EOF``), which parsers tend to
"repair" silently into a partial plan.

Filters handled: FlateDecode (the common case), LZWDecode and RunLengthDecode (sizes computed without
building the output), and the ASCII wrappers in front of them. Image codecs (DCT, JPX, JBIG2, CCITT)
are not inflated: text extraction never decodes image data.
"""

from __future__ import annotations

import base64
import binascii
import mmap
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

MB = 1024 * 1024
MAX_STREAM_BYTES = 200 * MB
"""Largest decoded size of one stream; a plan's biggest honest stream (a photo) is far below."""
MAX_TOTAL_BYTES = 500 * MB
"""Largest decoded size of all streams together."""
MAX_PAGES = 2000
CHUNK_IN = 64 * 1024
CHUNK_OUT = 1 * MB

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\d)(?!\s+\d+\s+R)")
_ABBREVIATIONS = {b"Fl": b"FlateDecode", b"LZW": b"LZWDecode", b"RL": b"RunLengthDecode",
                  b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode"}


@dataclass
class ScanResult:
    """What the raw scan saw: stream count, decoded bytes in all, and whether the file looks cut off."""

    streams: int = 0
    decoded_bytes: int = 0
    truncated: bool = False


class _Budget:
    """Counts decoded bytes against the per-stream and total caps; raises the moment one is crossed."""

    def __init__(self, path: Path, max_stream: int, max_total: int) -> None:
        self.path = path
        self.max_stream = max_stream
        self.max_total = max_total
        self.total = 0
        self.stream = 0

    def start_stream(self) -> None:
        self.stream = 0

    def add(self, n: int) -> None:
        self.stream += n
        self.total += n
        if self.stream > self.max_stream:
            raise InputError(self.path, "pdf_bomb",
                             detail=f"en datastrøm udpakkes til mere end {self.max_stream // MB} MB")
        if self.total > self.max_total:
            raise InputError(self.path, "pdf_bomb",
                             detail=f"datastrømmene udpakkes til mere end {self.max_total // MB} MB i alt")


def _filters(dictionary: bytes) -> list[bytes]:
    match = _FILTER.search(dictionary)
    if not match:
        return []
    return [_ABBREVIATIONS.get(n, n) for n in _NAME.findall(match.group(1))]


def _chunks(data: bytes | mmap.mmap, start: int, end: int):
    for pos in range(start, end, CHUNK_IN):
        yield data[pos:min(pos + CHUNK_IN, end)]


def _inflate(data: bytes | mmap.mmap, start: int, end: int, budget: _Budget, stages: int = 1) -> None:
    """Inflate ``data[start:end]`` through ``stages`` chained FlateDecode filters, keeping only the count.

    Every stage is incremental (at most ``CHUNK_OUT`` held at a time), so a doubly compressed bomb, whose
    first stage is small and whose second is gigabytes, is counted without ever being built. Damaged data
    just ends the count early: the parser will judge it, and it cannot grow past this point.
    """
    inflaters = [zlib.decompressobj() for _ in range(stages)]

    def push(level: int, chunk: bytes) -> None:
        if level == stages:
            budget.add(len(chunk))
            return
        inflater = inflaters[level]
        if inflater.eof:
            return
        out = inflater.decompress(chunk, CHUNK_OUT)
        if out:
            push(level + 1, out)
        while inflater.unconsumed_tail and not inflater.eof:
            out = inflater.decompress(inflater.unconsumed_tail, CHUNK_OUT)
            if not out:
                break
            push(level + 1, out)

    try:
        for chunk in _chunks(data, start, end):
            push(0, chunk)
            if inflaters[0].eof:
                break
    except zlib.error:
        return


def _lzw_size(data: bytes, budget: _Budget) -> None:
    """The decoded size of LZW data (PDF flavour, early change), from entry lengths only.

    LZW output can grow quadratically with the input, so the output is never built: each dictionary
    entry is represented by its length.
    """
    lengths = [1] * 256 + [0, 0]  # 256 = clear table, 257 = end of data
    width, bitbuf, nbits, prev = 9, 0, 0, -1
    pending = 0
    for byte in data:
        bitbuf = (bitbuf << 8) | byte
        nbits += 8
        while nbits >= width:
            nbits -= width
            code = (bitbuf >> nbits) & ((1 << width) - 1)
            if code == 256:
                del lengths[258:]
                width, prev = 9, -1
                continue
            if code == 257:
                budget.add(pending)
                return
            if code < len(lengths):
                size = lengths[code]
            elif code == len(lengths) and prev >= 0:
                size = lengths[prev] + 1
            else:
                budget.add(pending)
                return  # damaged
            pending += size
            if pending >= CHUNK_OUT:
                budget.add(pending)
                pending = 0
            if prev >= 0 and len(lengths) < 4096:
                lengths.append(lengths[prev] + 1)
            prev = code
            if len(lengths) + 1 >= (1 << width) and width < 12:
                width += 1
    budget.add(pending)


def _runlength_size(data: bytes, budget: _Budget) -> None:
    pos, total = 0, 0
    while pos < len(data):
        length = data[pos]
        if length == 128:
            break
        if length < 128:
            total += length + 1
            pos += length + 2
        else:
            total += 257 - length
            pos += 2
    budget.add(total)


def _ascii_decode(name: bytes, data: bytes) -> bytes | None:
    data = bytes(data)
    try:
        if name == b"ASCIIHexDecode":
            text = re.sub(rb"\s+", b"", data).split(b">")[0]
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        text = data.strip()
        if text.startswith(b"<~"):
            text = text[2:]
        return base64.a85decode(text.split(b"~>")[0], ignorechars=b" \t\n\r\x0c\x00")
    except (ValueError, binascii.Error):
        return None


def _decode_size(raw: mmap.mmap, start: int, end: int, filters: list[bytes], budget: _Budget) -> None:
    """Count the decoded size of the stream ``raw[start:end]``.

    FlateDecode is fed from the stream start until the zlib data itself ends (at most to the end of
    file), so bytes that merely look like ``endstream`` inside the compressed data, or a wrong /Length,
    cannot cut the count short.
    """
    wrapped: bytes | None = None
    for position, name in enumerate(filters):
        if name in (b"ASCIIHexDecode", b"ASCII85Decode"):
            # Bounded by the file size: these only shrink data.
            wrapped = _ascii_decode(name, wrapped if wrapped is not None else raw[start:end])
            if wrapped is None:
                return
            continue
        if name == b"FlateDecode":
            stages = 1
            while position + stages < len(filters) and filters[position + stages] == b"FlateDecode":
                stages += 1
            if wrapped is not None:
                _inflate(wrapped, 0, len(wrapped), budget, stages)
            else:
                _inflate(raw, start, len(raw), budget, stages)
        elif name == b"LZWDecode":
            _lzw_size(wrapped if wrapped is not None else raw[start:end], budget)
        elif name == b"RunLengthDecode":
            _runlength_size(wrapped if wrapped is not None else raw[start:end], budget)
        # Chained FlateDecode stages are counted through to the end above; a different codec after the
        # first stage (not seen in real files) is bounded by the first stage's cap.
        return


def scan_pdf(path: Path, *, max_stream: int = MAX_STREAM_BYTES, max_total: int = MAX_TOTAL_BYTES) -> ScanResult:
    """Decode every stream of the raw file with caps; raise :class:`InputError` ``pdf_bomb`` beyond them.

    Memory stays at a few chunks whatever the file claims, and time is bounded by the caps (inflating
    200 MB of zeros takes well under a second).
    """
    budget = _Budget(path, max_stream, max_total)
    result = ScanResult()
    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        if size == 0:
            return result
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
            _scan_streams(raw, size, budget, result)
            if raw.rfind(b"%%EOF", max(0, size - 64 * 1024)) < 0:
                result.truncated = True
    result.decoded_bytes = budget.total
    return result


def _scan_streams(raw: mmap.mmap, size: int, budget: _Budget, result: ScanResult) -> None:
    last_object = 0
    pos = 0
    while True:
        match = _STREAM.search(raw, pos)
        if not match:
            return
        keyword = match.start()
        if keyword > 0 and raw[keyword - 1:keyword] == b"d":  # the "stream" of "endstream"
            pos = match.end()
            continue
        # The object's dictionary: from the last "n g obj" before the keyword.
        head_start = max(last_object, keyword - 4096)
        for obj in _OBJ.finditer(raw, head_start, keyword):
            head_start = obj.end()
        dictionary = raw[head_start:keyword]
        start = match.end()
        length = _LENGTH.search(dictionary)
        end = start + int(length.group(1)) if length else -1
        if not 0 <= end <= size:
            end = raw.find(b"endstream", start)
        if end < 0:
            result.truncated = True
            end = size
        result.streams += 1
        budget.start_stream()
        _decode_size(raw, start, end, _filters(dictionary), budget)
        if result.truncated:
            return
        last_object = end
        pos = end
