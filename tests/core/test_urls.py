import pytest

from newsdiff_gui.core.urls import InvalidURL, validate_article_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://News.Example.com/a?b=1#top", "https://news.example.com/a?b=1"),
        ("  http://example.org  ", "http://example.org/"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x"),
    ],
)
def test_valid_urls_are_canonical(text: str, expected: str) -> None:
    assert validate_article_url(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("ftp://example.org/a", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("example.org/news", "no scheme"),
        ("http:///path", "no host"),
        ("http://example.org:99999/", "not a valid URL"),
        ("http://user:pw@example.org/", "user name"),
        ("http://exa mple.org/", "spaces"),
    ],
)
def test_invalid_urls_are_refused_in_words(text: str, message: str) -> None:
    with pytest.raises(InvalidURL, match=message):
        validate_article_url(text)


# -- hosts as they will be contacted ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://0x7f000001:8080/a", "http://127.0.0.1:8080/a"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0177.0.0.1/", "http://127.0.0.1/"),
        ("http://127.1/", "http://127.0.0.1/"),
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://10.0.0.1/intranet", "http://10.0.0.1/intranet"),  # private stays allowed
        ("http://192.168.1.20/", "http://192.168.1.20/"),
        ("http://%31%32%37.0.0.1/", "http://127.0.0.1/"),
        ("http://１２７.０.０.１/", "http://127.0.0.1/"),  # full-width digits (UTS #46)
        ("http://[2001:0DB8:0000:0000::0001]:81/", "http://[2001:db8::1]:81/"),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("https://ÉXAMPLE.com/a", "https://xn--xample-9ua.com/a"),
        ("http://intranet_host.local/x", "http://intranet_host.local/x"),
    ],
)
def test_hosts_are_canonical(text: str, expected: str) -> None:
    assert validate_article_url(text) == expected
    assert validate_article_url(expected) == expected  # the canonical form is a fixed point


LINK_LOCAL_FORMS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.0.1/",
    "http://0xa9fea9fe/",
    "http://0xA9FEA9FE/",
    "http://2852039166/",
    "http://0251.0376.0251.0376/",
    "http://0251.254.169.254/",
    "http://169.254.43518/",
    "http://169.16689662/",
    "http://169.254.169.254./",
    "http://%31%36%39.254.169.254/",
    "http://１６９.２５４.１６９.２５４/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::169.254.169.254]/",
    "http://[fe80::1]/",
    "http://[FE80::abcd%25eth0]:8080/",
    "http://[febf::1]/",
]


@pytest.mark.parametrize("text", LINK_LOCAL_FORMS)
def test_link_local_addresses_are_refused_in_any_form(text: str) -> None:
    with pytest.raises(InvalidURL, match="link-local address"):
        validate_article_url(text)


def test_odd_forms_are_named_in_the_message() -> None:
    with pytest.raises(InvalidURL, match=r"'0xa9fea9fe' is 169\.254\.169\.254, a link-local"):
        validate_article_url("http://0xa9fea9fe/")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("http://1.2.3.4.5/", "not a valid IPv4 address"),
        ("http://256.1.1.1/", "not a valid IPv4 address"),
        ("http://1.2.3.256/", "not a valid IPv4 address"),
        ("http://08.1.1.1/", "not a valid IPv4 address"),
        ("http://0x100000000/", "not a valid IPv4 address"),
        ("http://" + "9" * 5000 + "/", "not a valid IPv4 address"),
        ("http://[1::2::3]/", "not a valid"),
        ("http://[::1%25eth0]/", "zone id"),
        ("http://☃.net/", "internationalised domain name"),
        ("http://exa\u202emple.com/", "internationalised domain name"),
        ("http://a\\b.example/", "no host name can hold"),
        ("http://%ff.example/", "not valid text"),
        ("http://@example.org/", "user name"),
        ("http://example.org/a\tb", "spaces"),
    ],
)
def test_bad_hosts_are_refused_in_words(text: str, message: str) -> None:
    with pytest.raises(InvalidURL, match=message):
        validate_article_url(text)


# -- no control character is stored raw -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.org/a\u202eb", "http://example.org/a%E2%80%AEb"),
        ("http://example.org/?q=\u2066x\u2069", "http://example.org/?q=%E2%81%A6x%E2%81%A9"),
        ("http://example.org/caf\u00e9", "http://example.org/caf%C3%A9"),
        ("http://example.org/a\x00\x07\x7f\x9bz", "http://example.org/a%00%07%7F%C2%9Bz"),
        ("http://example.org/already%E2%80%AE", "http://example.org/already%E2%80%AE"),
        ("http://example.org/\udcff", "http://example.org/%FF"),  # an undecodable argv byte
    ],
)
def test_control_and_non_ascii_characters_are_percent_encoded(text: str, expected: str) -> None:
    canonical = validate_article_url(text)
    assert canonical == expected
    assert canonical.isascii() and canonical.isprintable()
