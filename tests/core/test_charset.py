import codecs

from newsdiff_gui.core.charset import charset_from_content_type, decode_html

TEXT = "Les élus ont voté « oui » à 7 contre 2 — café, naïve, œuvre."
JAPANESE = "東京で地震、死者は少なくとも八人に増えた。政府は対策本部を設置した。"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def test_header_charset_wins() -> None:
    raw = page(TEXT).encode("windows-1252")
    decoded = decode_html(raw, "windows-1252")
    assert TEXT in decoded.text and decoded.source == "header"


def test_latin1_label_means_windows_1252() -> None:
    raw = page("“quoted” – dash").encode("windows-1252")
    decoded = decode_html(raw, charset_from_content_type("text/html; charset=ISO-8859-1"))
    assert "“quoted” – dash" in decoded.text
    assert decoded.encoding == "cp1252"


def test_meta_charset_used_without_header() -> None:
    raw = page(JAPANESE, '<meta charset="Shift_JIS">').encode("shift_jis")
    decoded = decode_html(raw, None)
    assert JAPANESE in decoded.text and decoded.source == "meta"


def test_http_equiv_meta() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    decoded = decode_html(page(TEXT, head).encode("windows-1252"))
    assert TEXT in decoded.text


def test_wrong_header_falls_back_to_meta_or_detection() -> None:
    raw = page(JAPANESE * 5, '<meta charset="shift_jis">').encode("shift_jis")
    assert JAPANESE in decode_html(raw, "utf-8").text
    raw_no_meta = page(JAPANESE * 20).encode("shift_jis")
    assert JAPANESE in decode_html(raw_no_meta, None).text


def test_missing_charset_windows_1252_detected() -> None:
    raw = page(TEXT * 10).encode("windows-1252")
    decoded = decode_html(raw, None)
    assert TEXT in decoded.text


def test_bom_and_unknown_label() -> None:
    assert decode_html(codecs.BOM_UTF8 + page(TEXT).encode()).source == "bom"
    decoded = decode_html(page(TEXT).encode(), "no-such-charset")
    assert TEXT in decoded.text


def test_garbage_bytes_never_raise() -> None:
    decoded = decode_html(bytes(range(256)) * 10, "utf-8")
    assert isinstance(decoded.text, str)
