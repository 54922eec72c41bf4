"""Page bytes are decoded as a browser decodes them (WHATWG Encoding Standard)."""

import codecs
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService, CheckOutcome
from newsdiff_gui.core.charset import charset_from_content_type, decode_html
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM, article_page
from tests.support.timing import PATIENT

TEXT = "Les élus ont voté « oui » à 7 contre 2 — café, naïve, œuvre, 5 € de plus."
JAPANESE = "東京で地震、死者は少なくとも八人に増えた。政府は対策本部を設置した。"
# Realistic article lengths: a dozen paragraphs of a few sentences each.
ARTICLES = {
    "shift_jis": "東京で地震、死者は少なくとも八人に増えた。"
    "政府は対策本部を設置し、被害の確認を急いでいる。"
    "気象庁によると、震源の深さは約十キロで、今後一週間は同程度の揺れに注意が必要だという。",
    "gbk": "北京时间昨晚，国家统计局发布了最新的经济数据，显示第三季度增长放缓。"
    "专家认为这是暂时的现象，明年有望回升，但出口仍然面临较大压力。",
    "koi8-r": "Вчера вечером в Москве прошло заседание городского совета, на котором обсуждали "
    "новый бюджет. Депутаты спорили до полуночи, но так и не пришли к согласию.",
    "euc-kr": "서울시는 어제 새로운 교통 정책을 발표했다. 시민들은 대체로 환영하는 분위기지만, "
    "일부 상인들은 매출 감소를 우려하고 있다고 밝혔다.",
    "big5": "台北市政府昨天宣布新的交通政策，市民普遍表示歡迎，但也有人擔心成本過高，"
    "議會將在下週進行討論。",
    "windows-1251": "Вчера вечером городской совет утвердил новый бюджет. Жители высказали "
    "много замечаний, но большинство проголосовало за.",
    "windows-1253": "Χθες το βράδυ το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό. "
    "Οι κάτοικοι είχαν πολλές αντιρρήσεις, αλλά η πλειοψηφία ψήφισε υπέρ.",
    "windows-1252": "Gestern Abend hat der Stadtrat den neuen Haushalt beschlossen. Die Bürger "
    "äußerten viele Einwände, doch die Mehrheit stimmte zu – „endlich“, sagte sie.",
}


def page(body: str, head: str = "", paragraphs: int = 1) -> str:
    return (
        f"<html><head>{head}<title>t</title></head><body>"
        + f"<p>{body}</p>\n" * paragraphs
        + "</body></html>"
    )


def test_utf8_page_with_three_invalid_bytes_stays_utf8() -> None:
    # A UTF-8 article with three stray bytes (a pasted Windows quote, a cut
    # sequence): a browser reads it as UTF-8 with three U+FFFD, not as Latin-6.
    good = page(TEXT, paragraphs=12).encode("utf-8")
    cut = good.index("naïve".encode())
    raw = good[:cut] + b"\x92" + good[cut : cut + 10] + b"\xe9\xff" + good[cut + 10 :]
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 3
    assert "é" in decoded.text and "ÃĐ" not in decoded.text
    assert decoded.text.count(TEXT) == 11  # every untouched paragraph intact
    assert not decoded.mismatch  # nothing was declared


def test_a_short_utf8_page_with_one_run_of_three_invalid_bytes_stays_utf8() -> None:
    # Few accented letters, so the three stray bytes outnumber the valid sequences:
    # counted as one accident (one run), they do not make the page Latin-6.
    raw = page("Le café du port rouvre lundi, a dit le maire.", paragraphs=3).encode()
    raw = raw.replace(b"Le caf", b"Le \xff\xfe\xfd caf", 1)
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("café du port") == 3 and decoded.text.count("\ufffd") == 3


def test_legacy_pages_with_a_few_accents_are_not_taken_for_utf8() -> None:
    raw = page("Le café du port rouvre lundi, a dit le maire.", paragraphs=2)
    decoded = decode_html(raw.encode("windows-1252"))
    assert decoded.encoding == "windows-1252" and "café du port" in decoded.text


def test_undeclared_windows_1252_is_windows_1252_not_a_dos_code_page() -> None:
    raw = page("« Oui » — 20 € pour tous, dit-elle.", paragraphs=3).encode("windows-1252")
    decoded = decode_html(raw)
    assert decoded.encoding == "windows-1252"
    assert "« Oui » — 20 € pour tous" in decoded.text


def test_wrong_utf8_header_wins_with_replacement_characters() -> None:
    raw = page("« Oui » — 20 € pour tous, dit-elle.", paragraphs=3).encode("windows-1252")
    decoded = decode_html(raw, charset_from_content_type("text/html; charset=utf-8"))
    assert decoded.encoding == "utf-8" and decoded.source == "header"
    assert decoded.mismatch
    # «, », —, € in each of the three paragraphs: 4 invalid bytes each.
    assert decoded.text.count("\ufffd") == 12
    assert "Oui" in decoded.text


def test_a_valid_header_label_wins_over_meta_and_detection() -> None:
    raw = page(JAPANESE * 5, '<meta charset="shift_jis">').encode("shift_jis")
    decoded = decode_html(raw, "utf-8")
    assert decoded.source == "header" and decoded.mismatch and "\ufffd" in decoded.text


@pytest.mark.parametrize("encoding", sorted(ARTICLES))
def test_undeclared_legacy_pages_of_article_length(encoding: str) -> None:
    text = ARTICLES[encoding]
    raw = page(text, paragraphs=12).encode(codecs.lookup(encoding).name)
    decoded = decode_html(raw)
    assert decoded.text.count(text) == 12, decoded.encoding
    assert not decoded.mismatch


def test_undeclared_iso_2022_jp() -> None:
    raw = page(JAPANESE, paragraphs=4).encode("iso2022_jp")
    decoded = decode_html(raw)
    assert decoded.encoding == "iso-2022-jp" and JAPANESE in decoded.text


def test_labels_are_resolved_with_the_whatwg_table() -> None:
    raw = page("“quoted” – dash").encode("windows-1252")
    for label in ("ISO-8859-1", "latin1", "us-ascii", "cp1252"):
        content_type = f"text/html; charset={label}"
        decoded = decode_html(raw, charset_from_content_type(content_type))
        assert "“quoted” – dash" in decoded.text
        assert decoded.encoding == "windows-1252" and decoded.source == "header"
    sjis = page(JAPANESE).encode("cp932")
    assert JAPANESE in decode_html(sjis, "x-sjis").text
    assert decode_html(page("北京").encode("gb18030"), "gb2312").encoding == "gbk"


def test_dos_code_page_labels_are_not_web_labels() -> None:
    # cp775 and cp850 are no labels on the web: the header is ignored, as in a browser.
    raw = page(TEXT, paragraphs=5).encode("windows-1252")
    for label in ("cp775", "cp850", "no-such-charset"):
        decoded = decode_html(raw, label)
        assert decoded.source == "detected" and decoded.encoding == "windows-1252"
        assert TEXT in decoded.text


def test_windows_1252_reads_every_byte_as_the_standard_does() -> None:
    # Python's cp1252 has no 0x81/0x8D/0x8F/0x90/0x9D; the standard maps them to C1 controls.
    decoded = decode_html(b"<p>caf\xe9 \x81\x9d</p>", "windows-1252")
    assert decoded.text == "<p>café \x81\x9d</p>" and not decoded.mismatch


def test_meta_charset_used_without_header() -> None:
    raw = page(JAPANESE, '<meta charset="Shift_JIS">').encode("shift_jis")
    decoded = decode_html(raw, None)
    assert JAPANESE in decoded.text and decoded.source == "meta"
    assert decoded.encoding == "shift_jis"


def test_http_equiv_meta_needs_the_content_type_pragma() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    raw = page(ARTICLES["windows-1251"], head).encode("windows-1251")
    assert decode_html(raw).source == "meta"
    # Without http-equiv the content attribute declares nothing (the prescan's rule).
    stray = '<meta name="description" content="charset=koi8-r">'
    decoded = decode_html(page(ARTICLES["windows-1251"], stray, 8).encode("windows-1251"))
    assert decoded.encoding == "windows-1251" and decoded.source == "detected"


def test_prescan_skips_comments_and_other_tags() -> None:
    head = (
        '<!-- <meta charset="koi8-r"> --><link title="<meta charset=koi8-r>" href="x">'
        '<meta charset="no-such"><meta charset="windows-1253">'
    )
    decoded = decode_html(page(ARTICLES["windows-1253"], head).encode("windows-1253"))
    assert decoded.encoding == "windows-1253" and decoded.source == "meta"


def test_meta_rules_of_the_standard() -> None:
    utf16 = decode_html(page(TEXT, '<meta charset="utf-16">').encode("utf-8"))
    assert utf16.encoding == "utf-8" and TEXT in utf16.text
    user = decode_html(page("café", '<meta charset="x-user-defined">').encode("cp1252"))
    assert user.encoding == "windows-1252" and "café" in user.text


def test_late_meta_in_the_head_is_honoured() -> None:
    head = "<script>" + "var x = 1;\n" * 300 + '</script><meta charset="windows-1251">'
    raw = page(ARTICLES["windows-1251"], head).encode("windows-1251")
    assert raw.index(b"<meta") > 1024
    decoded = decode_html(raw)
    assert decoded.source == "meta" and ARTICLES["windows-1251"] in decoded.text


def test_utf8_bytes_under_a_leftover_legacy_meta_are_read_as_utf8_and_flagged() -> None:
    # Saved or re-encoded copies keep their old <meta>: legacy text is practically
    # never valid UTF-8, so such bytes are read as written and the version flagged.
    raw = page(TEXT, '<meta charset="iso-8859-1">').encode("utf-8")
    decoded = decode_html(raw)
    assert TEXT in decoded.text and decoded.encoding == "utf-8" and decoded.mismatch


def test_bom_wins_over_everything() -> None:
    decoded = decode_html(codecs.BOM_UTF8 + page(TEXT).encode(), "windows-1252")
    assert (
        decoded.source == "bom" and TEXT in decoded.text and not decoded.text.startswith("\ufeff")
    )
    utf16 = decode_html(codecs.BOM_UTF16_LE + page(TEXT).encode("utf-16-le"))
    assert utf16.encoding == "utf-16le" and TEXT in utf16.text


def test_garbage_bytes_never_raise() -> None:
    for declared in ("utf-8", None, "shift_jis", "iso-2022-kr", "utf-16"):
        decoded = decode_html(bytes(range(256)) * 10, declared)
        assert isinstance(decoded.text, str)


# -- through a real capture: the flag reaches the stored version ---------------------

CAFE = "The café’s owner, Renée Dubois, said the “naïve” plan would cost €40,000 — «too much»."


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaptureService]:
    with VersionStore.open(tmp_path / "charset.sqlite3") as store, Fetcher(PATIENT) as fetcher:
        yield CaptureService(store, fetcher, clock=lambda: datetime(2026, 3, 3, 11, tzinfo=UTC))


def _capture(service: CaptureService, httpserver: HTTPServer, raw: bytes, content_type: str):  # type: ignore[no-untyped-def]
    httpserver.expect_request("/cafe").respond_with_data(raw, content_type=content_type)
    article = service.track(httpserver.url_for("/cafe"))
    (report,) = service.check([article.id])
    assert report.outcome == CheckOutcome.NEW_VERSION and report.version is not None, report
    return report.version


def test_wrong_header_is_flagged_on_the_stored_version(
    service: CaptureService, httpserver: HTTPServer
) -> None:
    raw = article_page("Café plan", (CAFE, *STORM[1:]), charset=None).encode("windows-1252")
    version = _capture(service, httpserver, raw, "text/html; charset=utf-8")
    assert "charset_mismatch" in version.flags
    assert version.encoding == "utf-8"
    first = version.document.paragraphs[0]
    assert first.startswith("The caf\ufffd") and first.count("\ufffd") == 9
    stored = service.store.list_versions(version.article_id)[0]
    assert "charset_mismatch" in stored.flags  # read back from the database


def test_right_header_is_not_flagged(service: CaptureService, httpserver: HTTPServer) -> None:
    raw = article_page("Café plan", (CAFE, *STORM[1:]), charset=None).encode("windows-1252")
    version = _capture(service, httpserver, raw, "text/html; charset=windows-1252")
    assert version.flags == [] and version.document.paragraphs[0] == CAFE


def test_imported_copy_with_a_leftover_meta_is_flagged(service: CaptureService) -> None:
    raw = article_page("Café plan", (CAFE, *STORM[1:]), charset="iso-8859-1").encode("utf-8")
    report = service.import_page(
        "https://courier.example/cafe", raw, datetime(2026, 3, 1, tzinfo=UTC)
    )
    assert report.version is not None
    assert report.version.document.paragraphs[0] == CAFE
    assert "charset_mismatch" in report.version.flags


def test_dense_accented_page_under_a_wrong_header_is_stored_not_refused(
    service: CaptureService, httpserver: HTTPServer
) -> None:
    # One U+FFFD for every accented letter is still the page the reader saw, not binary data.
    paragraphs = tuple(f"{TEXT} Séance n° {n} : écoles, hôpital, forêt." for n in range(8))
    raw = article_page("Élus", paragraphs, charset=None).encode("windows-1252")
    version = _capture(service, httpserver, raw, "text/html; charset=utf-8")
    assert "charset_mismatch" in version.flags
    assert len(version.document.paragraphs) == 8
    assert version.document.paragraphs[0].startswith("Les \ufffdlus ont vot\ufffd")
