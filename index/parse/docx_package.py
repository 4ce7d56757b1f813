"""The .docx package: its zip, its XML parts, and every way they can be damaged.

Each failure is a `ParseError` naming the file and the part; parts the article can do without
(styles, core properties, relationships) cost a warning instead.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

from index.errors import ParseError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
CORE = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
MAX_PART = 200_000_000  # unpacked bytes: the file-size limit says nothing about a zip bomb

NoteKey = tuple[str, str]  # ("footnote" or "endnote", w:id)


class Package:
    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.warnings: list[str] = []
        if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise ParseError(
                path,
                "an OLE compound file, not a .docx package: a password-protected .docx (remove "
                "the password and save again) or a legacy Word 97-2003 .doc (save it as .docx)",
            )
        if not data.startswith(b"PK"):
            raise ParseError(path, "not a .docx (not a zip package); is the file misnamed?")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise ParseError(
                path, f"not a readable .docx (corrupt or truncated zip: {exc})"
            ) from exc

    def xml(self, name: str) -> ET.Element | None:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART:
            raise ParseError(
                self.path,
                f"{name} unpacks to {info.file_size / 1e6:.0f} MB: too big for an article",
            )
        try:
            raw = self.zip.read(info)
        # zipfile reports damage as BadZipFile, zlib.error, EOFError or ValueError (a bad seek,
        # an undecodable name), an unknown compression as NotImplementedError and a zip-level
        # password as RuntimeError.
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as e:
            raise ParseError(self.path, f"not a readable .docx ({name} is damaged: {e})") from e
        except RuntimeError as e:
            raise ParseError(self.path, f"the zip is password-protected ({e})") from e
        try:
            return ET.fromstring(raw)
        except (ET.ParseError, LookupError) as e:  # LookupError: a bogus declared encoding
            reason = f"not a readable .docx ({name} is not valid XML: {e})"
            raise ParseError(self.path, reason) from e

    def optional(self, name: str) -> ET.Element | None:
        """A part the article can do without: damaged, it costs a warning, not the article."""
        try:
            return self.xml(name)
        except ParseError as exc:
            self.warnings.append(f"{exc.reason}; ignored")
            return None

    def links(self, part: str) -> dict[str, str]:
        """Relationship id → external URL, for the hyperlinks in `word/<part>`."""
        rels = self.optional(f"word/_rels/{part}.rels")
        found = rels.iter(REL + "Relationship") if rels is not None else iter(())
        external = (r for r in found if r.get("TargetMode") == "External")
        return {r.get("Id", ""): r.get("Target", "") for r in external}

    def notes(self) -> dict[NoteKey, ET.Element]:
        notes: dict[NoteKey, ET.Element] = {}
        for kind in ("footnote", "endnote"):
            root = self.xml(f"word/{kind}s.xml")
            for note in root.iter(W + kind) if root is not None else ():
                # separator and continuationSeparator notes draw the rule above the notes
                if note.get(W + "type", "normal") == "normal":
                    notes[(kind, note.get(W + "id", ""))] = note
        return notes
