"""Parsing robustness: markup nested 100,000 deep, and pages in every charset case of issue 9.

    .venv/bin/python benchmarks/robustness_parsing.py       # every case, each in its own process
    .venv/bin/python benchmarks/robustness_parsing.py CASE  # one case, in its own process

Each case runs end to end as a check does after the fetch: page bytes are
decoded (`decode_html`, with the header's label where the case has one) and the
text is extracted (`extract_document`). Each prints its wall time and the peak
RSS of its process, so run cases in separate processes to read the memory of
each alone. `cases()` lists them for a driver that times and measures them
itself. Each case also checks its own result and raises if it is wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.extract import extract_document

_AFTER = tuple(
    f"Paragraph {n} after the nesting: residents asked why the ferry would stop in March, "
    f"and the mayor answered question {n} at length."
    for n in range(1, 7)
)
_FRENCH = (
    "Les élus ont voté « oui » à 7 contre 2 — le café, la naïveté, l'œuvre et 20 € de plus "
    "pour chaque famille du quartier, a précisé la maire lors de la séance."
)
_LEGACY = {
    "shift_jis": "東京で地震、死者は少なくとも八人に増えた。"
    "政府は対策本部を設置し、被害の確認を急いでいる。"
    "気象庁によると、震源の深さは約十キロで、今後一週間は同程度の揺れに注意が必要だという。",
    "gbk": "北京时间昨晚，国家统计局发布了最新的经济数据，显示第三季度增长放缓。"
    "专家认为这是暂时的现象，明年有望回升，但出口仍然面临较大压力。",
    "koi8_r": "Вчера вечером в Москве прошло заседание городского совета, на котором обсуждали "
    "новый бюджет. Депутаты спорили до полуночи, но так и не пришли к согласию.",
    "euc_kr": "서울시는 어제 새로운 교통 정책을 발표했다. 시민들은 대체로 환영하는 분위기지만, "
    "일부 상인들은 매출 감소를 우려하고 있다고 밝혔다.",
}


def _page(paragraphs: list[str], middle: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        "<html><head><title>Council vote</title></head><body><article><h1>Council vote</h1>"
        f"{body}{middle}</article></body></html>"
    )


def _run(raw: bytes, declared: str | None, expected: str, encoding: str) -> None:
    page = decode_html(raw, declared)
    document = extract_document(page.text)
    if page.encoding != encoding or expected not in "\n".join(document.paragraphs):
        raise AssertionError(f"decoded as {page.encoding}: {document.paragraphs[:2]}")


def deep_markup() -> None:
    nesting = "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000
    html = _page([f"Paragraph {n} before the nesting, long enough." for n in range(4)], nesting)
    raw = html.replace("</article>", "".join(f"<p>{p}</p>" for p in _AFTER) + "</article>")
    document = extract_document(decode_html(raw.encode("utf-8"), "utf-8").text)
    if document.paragraphs[-len(_AFTER) :] != _AFTER:
        raise AssertionError(f"lost paragraphs: {document.paragraphs[-3:]}")


def utf8_with_three_invalid_bytes() -> None:
    raw = _page([_FRENCH] * 12).encode("utf-8")
    cut = raw.index("naïveté".encode())
    raw = raw[:cut] + b"\x92" + raw[cut : cut + 10] + b"\xe9\xff" + raw[cut + 10 :]
    _run(raw, None, _FRENCH, "utf-8")


def undeclared_windows_1252() -> None:
    _run(_page([_FRENCH] * 12).encode("windows-1252"), None, _FRENCH, "windows-1252")


def windows_1252_under_a_utf8_header() -> None:
    raw = _page([_FRENCH] * 12).encode("windows-1252")
    page = decode_html(raw, "utf-8")
    extract_document(page.text)
    if not page.mismatch or page.encoding != "utf-8":
        raise AssertionError("the wrong header was not kept and flagged")


def _legacy(codec: str) -> Callable[[], None]:
    def run() -> None:
        text = _LEGACY[codec]
        encoding = {"koi8_r": "koi8-r", "euc_kr": "euc-kr"}.get(codec, codec)
        _run(
            _page([text] * 12).encode(codec), None, text, "gb18030" if codec == "gbk" else encoding
        )

    return run


def cases() -> list[tuple[str, Callable[[], None]]]:
    return [
        ("deep_markup_100k", deep_markup),
        ("utf8_three_invalid_bytes", utf8_with_three_invalid_bytes),
        ("undeclared_windows_1252", undeclared_windows_1252),
        ("windows_1252_under_utf8_header", windows_1252_under_a_utf8_header),
        *((f"undeclared_{codec}", _legacy(codec)) for codec in _LEGACY),
    ]


if __name__ == "__main__":
    from robustness import run_module

    sys.exit(run_module(Path(__file__).stem, sys.argv[1:]))
