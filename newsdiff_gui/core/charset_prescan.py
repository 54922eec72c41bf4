"""The HTML standard's prescan of a page's first bytes for a `<meta>` charset.

This is the algorithm browsers run before parsing ("prescan a byte stream to
determine its encoding", WHATWG HTML §13.2.3.2): it skips comments and other
tags' attributes, and reads `<meta charset>` and `<meta http-equiv=content-type
content="…; charset=…">` the way a browser does, so a charset mentioned in a
comment, a script's attribute or an unrelated tag is not mistaken for the
page's. It returns a label; the caller resolves it with the WHATWG label table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SPACE = b"\t\n\x0c\r "
_SPACE_OR_SLASH = _SPACE + b"/"
_TAG_END = _SPACE + b">"
_META_OPEN = re.compile(rb"<meta[\t\n\x0c\r /]", re.IGNORECASE)
_TAG_OPEN = re.compile(rb"</?[A-Za-z]")
_CONTENT_CHARSET = re.compile(r"charset", re.IGNORECASE)


class _EndOfInput(Exception):
    """The prescan ran off the end of the bytes it was given (it then finds nothing)."""


class _Scanner:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def byte(self) -> int:
        if self.position >= len(self.data):
            raise _EndOfInput
        return self.data[self.position]

    def skip(self, characters: bytes) -> None:
        while self.byte() in characters:
            self.position += 1

    def attribute(self) -> tuple[str, str] | None:
        """The standard's "get an attribute": (name, value) lowercased, or None at '>'."""
        self.skip(_SPACE_OR_SLASH)
        if self.byte() == 0x3E:
            return None
        name = bytearray()
        while True:
            current = self.byte()
            if current == 0x3D and name:  # '='
                self.position += 1
                return self._name(name), self._value()
            if current in _SPACE:
                self.skip(_SPACE)
                if self.byte() != 0x3D:
                    return self._name(name), ""
                self.position += 1
                return self._name(name), self._value()
            if current in b"/>":
                return self._name(name), ""
            name.append(current)
            self.position += 1

    def _value(self) -> str:
        self.skip(_SPACE)
        value = bytearray()
        current = self.byte()
        if current in b"\"'":
            quote = current
            while True:
                self.position += 1
                if self.byte() == quote:
                    self.position += 1
                    return self._name(value)
                value.append(self.byte())
        if current == 0x3E:
            return ""
        while True:
            current = self.byte()
            if current in _TAG_END:
                return self._name(value)
            value.append(current)
            self.position += 1

    @staticmethod
    def _name(raw: bytearray) -> str:
        # ASCII-lowercase only (the standard's rule); latin-1 keeps every byte.
        return bytes(raw).decode("latin-1").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def charset_from_meta_content(content: str) -> str | None:
    """The standard's "extract a character encoding from a meta element" (a label)."""
    position = 0
    while True:
        match = _CONTENT_CHARSET.search(content, position)
        if match is None:
            return None
        position = match.end()
        while position < len(content) and content[position] in "\t\n\x0c\r ":
            position += 1
        if position < len(content) and content[position] == "=":
            break
    position += 1
    while position < len(content) and content[position] in "\t\n\x0c\r ":
        position += 1
    if position >= len(content):
        return None
    if content[position] in "\"'":
        end = content.find(content[position], position + 1)
        return content[position + 1 : end] if end != -1 else None
    end = position
    while end < len(content) and content[end] not in "\t\n\x0c\r ;":
        end += 1
    return content[position:end]


def _meta_label(scanner: _Scanner, is_known: Callable[[str], bool]) -> str | None:
    """Read one <meta>'s attributes; its charset label if it declares one properly."""
    seen: set[str] = set()
    got_pragma = False
    need_pragma: bool | None = None
    label: str | None = None
    while (attribute := scanner.attribute()) is not None:
        name, value = attribute
        if name in seen:
            continue
        seen.add(name)
        if name == "http-equiv" and value == "content-type":
            got_pragma = True
        elif name == "content" and label is None:
            found = charset_from_meta_content(value)
            if found is not None and is_known(found):
                label, need_pragma = found, True
        elif name == "charset":
            label, need_pragma = value, False
    if need_pragma is None or (need_pragma and not got_pragma):
        return None
    return label if label is not None and is_known(label) else None


def prescan_meta_label(
    data: bytes, is_known: Callable[[str], bool], stop_at_body: bool = False
) -> str | None:
    """The label of the first <meta> that declares an encoding `is_known` accepts.

    With `stop_at_body`, scanning ends at a `<body` tag (used to find a late
    `<meta>` still inside the head, which browsers also honour).
    """
    scanner = _Scanner(data)
    try:
        while scanner.position < len(data):
            position = scanner.position
            if data.startswith(b"<!--", position):
                end = data.find(b"-->", position + 2)
                if end == -1:
                    break
                scanner.position = end + 3
                continue
            if _META_OPEN.match(data, position):
                scanner.position = position + 6
                label = _meta_label(scanner, is_known)
                if label is not None:
                    return label
            elif _TAG_OPEN.match(data, position):
                if stop_at_body and data[position : position + 5].lower() == b"<body":
                    break
                scanner.position = position + 1
                while scanner.byte() not in _TAG_END:
                    scanner.position += 1
                while scanner.attribute() is not None:
                    pass
            elif data.startswith((b"<!", b"</", b"<?"), position):
                end = data.find(b">", position + 2)
                if end == -1:
                    break
                scanner.position = end
            scanner.position += 1
    except _EndOfInput:
        pass
    return None
