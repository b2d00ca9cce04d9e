"""Bytes → text. Recognises binary content; decodes BOMs, UTF-8, CP949 (also short files) and,
through charset-normalizer, anything else that is clearly text; records the encoding used.

Order of trust: a byte-order mark; strict UTF-8 (valid UTF-8 is almost never an accident);
strict CP949 when the result reads as Korean; the charset the document declares (HTML meta);
a decode of UTF-8 or CP949 with a few replacement characters (warned about); charset-normalizer's
guess; otherwise the bytes are not text.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from pipeline.korean.script import HANGUL_SYLLABLES

REPLACEMENT = "\ufffd"


class NotText(Exception):
    """The bytes are binary or undecodable; str(exc) is the reason for a human."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# File signatures: (what it is, ((offset, bytes), ...)); every part must match.
_SIGNATURES: tuple[tuple[str, tuple[tuple[int, bytes], ...]], ...] = (
    ("PNG image", ((0, b"\x89PNG\r\n\x1a\n"),)),
    ("JPEG image", ((0, b"\xff\xd8\xff"),)),
    ("GIF image", ((0, b"GIF87a"),)),
    ("GIF image", ((0, b"GIF89a"),)),
    ("WebP image", ((0, b"RIFF"), (8, b"WEBP"))),
    ("WAV audio", ((0, b"RIFF"), (8, b"WAVE"))),
    ("TIFF image", ((0, b"II*\x00"),)),
    ("TIFF image", ((0, b"MM\x00*"),)),
    ("PDF document", ((0, b"%PDF-"),)),
    ("ZIP archive (or DOCX/XLSX/HWPX/JAR)", ((0, b"PK\x03\x04"),)),
    ("ZIP archive", ((0, b"PK\x05\x06"),)),
    ("gzip archive", ((0, b"\x1f\x8b"),)),
    ("bzip2 archive", ((0, b"BZh"), (4, b"1AY&SY"))),
    ("xz archive", ((0, b"\xfd7zXZ\x00"),)),
    ("7-Zip archive", ((0, b"7z\xbc\xaf\x27\x1c"),)),
    ("Zstandard archive", ((0, b"\x28\xb5\x2f\xfd"),)),
    ("RAR archive", ((0, b"Rar!\x1a\x07"),)),
    ("OLE2 compound document (HWP/DOC/XLS)", ((0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),)),
    ("ELF executable", ((0, b"\x7fELF"),)),
    ("Mach-O executable", ((0, b"\xcf\xfa\xed\xfe"),)),
    ("Java class file", ((0, b"\xca\xfe\xba\xbe"),)),
    ("WebAssembly module", ((0, b"\x00asm"),)),
    ("SQLite database", ((0, b"SQLite format 3\x00"),)),
    ("MP4/MOV video", ((4, b"ftyp"),)),
    ("Ogg media", ((0, b"OggS\x00"),)),
    ("FLAC audio", ((0, b"fLaC"),)),
    ("Python pickle", ((0, b"\x80\x04\x95"),)),
)

# (BOM, codec that strips it, the name we record); UTF-32 before UTF-16 (FF FE 00 00 starts with FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Control bytes that do not occur in text (all but tab, LF, FF, CR); a high share means binary.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])

# Names under which CP949 travels; CP949 is a superset of EUC-KR, so decode all of them as CP949.
_KOREAN_ALIASES = {"euc_kr", "euc-kr", "euckr", "cp949", "ms949", "uhc", "ks_c_5601-1987",
                   "ks_c_5601", "ksc5601", "ksc_5601", "x-windows-949", "windows-949", "korean"}

_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]")
_HANJA = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")
_KOREAN_SAMPLE_CHARS = 65536


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` starts with, if a known signature matches."""
    for kind, parts in _SIGNATURES:
        if all(data[offset:offset + len(magic)] == magic for offset, magic in parts):
            return kind
    return None


def control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def codec_name(label: str) -> str | None:
    """Python codec for an encoding label (HTML meta, charset-normalizer); Korean labels → cp949."""
    label = label.strip().strip("\"'").lower()
    if label in _KOREAN_ALIASES:
        return "cp949"
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"   # what browsers do with these labels
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in {"euc_kr", "cp949"}:
        return "cp949"
    return {"utf-8": "utf-8"}.get(name, name)


@lru_cache(maxsize=1)
def _common_hangul() -> frozenset[str]:
    """The 2,350 syllables of KS X 1001 (EUC-KR rows B0–C8): ordinary Korean text uses almost only these."""
    pairs = bytes(b for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    return frozenset(pairs.decode("cp949"))


def reads_as_korean(text: str) -> bool:
    """True if a CP949 decode looks like Korean rather than another double-byte text.

    GBK or Big5 bytes often decode as CP949 without error, but into a mix of Hanja and rare
    Hangul syllables; Korean text is mostly Hangul from the common KS X 1001 set.
    """
    sample = text[:_KOREAN_SAMPLE_CHARS]
    hangul = _HANGUL.findall(sample)
    if not hangul:
        return not any(ord(c) > 0x7F for c in sample)   # plain ASCII is fine in any case
    hanja = len(_HANJA.findall(sample))
    common = _common_hangul()
    rare = sum(1 for syllable in hangul if syllable not in common)
    return len(hangul) >= 0.7 * (len(hangul) + hanja) and rare <= 0.1 * len(hangul)


def _lossy(data: bytes, codec: str) -> tuple[str, int]:
    text = data.decode(codec, errors="replace")
    return text, text.count(REPLACEMENT)


def _replacement_note(count: int, text: str, codec: str) -> str:
    return (f"decoded as {codec} with {count} replacement character{'s' if count != 1 else ''} "
            f"({count / max(len(text), 1):.2%} of the text)")


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM: NULs (high bytes of ASCII) mostly on one side, a clean decode.

    Hangul syllables such as 저 (U+C800) put a NUL on the other side too, hence "mostly".
    """
    if len(data) % 2:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if odd >= 2 * even:
        codec = "utf-16-le"
    elif even >= 2 * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _TEXT_CONTROLS.search(text):
        return None
    return Decoded(text, codec, ("UTF-16 without a byte-order mark",))


def decode_bytes(data: bytes, *, max_replacement_ratio: float = 0.01,
                 max_control_ratio: float = 0.02, declared: str | None = None) -> Decoded:
    """Decode `data` to text or raise NotText with the reason.

    `declared` is a charset the document names for itself (an HTML meta tag), tried after
    strict UTF-8 and Korean CP949.
    """
    kind = binary_kind(data)
    if kind:
        raise NotText(f"binary file ({kind})")
    decoded = _by_bom(data, max_replacement_ratio)
    if decoded is not None:
        return decoded
    if b"\x00" in data:
        return _utf16_or_binary(data)
    ratio = control_ratio(data)
    if ratio > max_control_ratio:
        raise NotText(f"binary file ({ratio:.1%} control bytes; limit {max_control_ratio:.1%})")

    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass

    # Korean CP949 before a declared charset: old Korean pages often claim ISO-8859-1, which
    # would decode their bytes without error into mojibake.
    try:
        cp949_text: str | None = data.decode("cp949")
    except UnicodeDecodeError:
        cp949_text = None
    declared_codec = codec_name(declared) if declared else None
    if cp949_text is not None and reads_as_korean(cp949_text):
        if declared and declared_codec != "cp949":
            return Decoded(cp949_text, "cp949", (f"declared charset {declared!r} does not fit the bytes",))
        return Decoded(cp949_text, "cp949")

    decoded, warnings = _by_declared_charset(data, declared, declared_codec)
    if decoded is not None:
        return decoded
    return _best_effort(data, cp949_text, warnings, max_replacement_ratio)


def _by_bom(data: bytes, max_replacement_ratio: float) -> Decoded | None:
    """The text in the encoding its byte-order mark names, None without a BOM; a few damaged
    bytes are replaced (and noted), more raise NotText."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError:
                text, bad = _lossy(data, codec)
                return _accept_lossy(text, bad, name, max_replacement_ratio)
    return None


def _utf16_or_binary(data: bytes) -> Decoded:
    """Bytes with NULs and no BOM: UTF-16 text, or else a binary file (NotText)."""
    utf16 = _utf16_without_bom(data)
    if utf16 is None:
        raise NotText(f"binary file (contains {data.count(0)} NUL bytes)")
    return utf16


def _by_declared_charset(data: bytes, declared: str | None,
                         declared_codec: str | None) -> tuple[Decoded | None, list[str]]:
    """(the text in the charset the document declares, or None; warnings on why it was not used)."""
    warnings: list[str] = []
    if declared:
        if declared_codec is None:
            warnings.append(f"unknown declared charset {declared!r} ignored")
        elif declared_codec != "utf-8":
            try:
                return Decoded(data.decode(declared_codec), declared_codec), warnings
            except (UnicodeDecodeError, LookupError):
                pass
        warnings.append(f"declared charset {declared!r} does not fit the bytes")
    return None, warnings


def _best_effort(data: bytes, cp949_text: str | None, warnings: list[str], max_replacement_ratio: float) -> Decoded:
    """Bytes that are neither clean UTF-8, Korean CP949 nor the declared charset: UTF-8 or CP949
    with a few replaced bytes, else charset-normalizer's guess, else odd but valid CP949;
    NotText when nothing fits."""
    # A few damaged bytes in UTF-8 or CP949 text: keep the text, say so.
    candidates = [(*_lossy(data, codec), codec) for codec in ("utf-8", "cp949")]
    text, bad, codec = min(candidates, key=lambda c: c[1])
    if 0 < bad <= max_replacement_ratio * len(text):
        return Decoded(text, codec, (*warnings, _replacement_note(bad, text, codec)))

    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding:
        guessed = codec_name(guess.encoding) or guess.encoding
        try:
            guessed_text = data.decode(guessed)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if guessed != "cp949":
                warnings.append(f"encoding {guessed} guessed by charset-normalizer")
            return Decoded(guessed_text, guessed, tuple(warnings))

    if cp949_text is not None:   # valid CP949 that reads oddly, and nothing fits better
        return Decoded(cp949_text, "cp949", (*warnings, "valid CP949, but unusual for Korean text"))

    raise NotText(f"undecodable text: the best decode ({codec}) needs {bad} replacement characters "
                  f"({bad / max(len(text), 1):.1%}; limit {max_replacement_ratio:.1%})")


def _accept_lossy(text: str, bad: int, codec: str, max_ratio: float) -> Decoded:
    if bad / max(len(text), 1) > max_ratio:
        raise NotText(f"undecodable text: {codec} (from its byte-order mark) needs {bad} replacement "
                      f"characters ({bad / max(len(text), 1):.1%}; limit {max_ratio:.1%})")
    return Decoded(text, codec, (_replacement_note(bad, text, codec),))
