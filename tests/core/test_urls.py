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
