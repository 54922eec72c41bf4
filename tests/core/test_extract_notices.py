"""Author contact lines, cookie notices and linked teasers are furniture: their links
change from one fetch to the next, the story does not.

Pages are written here (fictional outlet, fictional reporter): a story, then the
reporter's contact line inviting readers to follow them, a cookie banner whose
policy link a template rewrites, or a linked teaser headline set between paragraphs.
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.store.version_store import content_hash

_STORY = [
    "The observatory's new telescope recorded its first images on Friday night, three "
    "weeks later than planned because of a fault in the cooling system of its camera.",
    "Astronomers said the images of the nearby galaxy were sharper than expected and would "
    "be published next month, once the team has checked the calibration of the instrument.",
    "The telescope cost about 40 million euros and will be shared by four universities, "
    "which will each receive a fixed number of observing nights every year.",
]


def _page(handle: str, policy: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    return (
        "<html><head><title>New telescope records its first images | Valley Science"
        "</title></head><body><main><article>"
        f"<h1>New telescope records its first images</h1>{paragraphs}"
        '<p>Email Nora Lind at <a href="mailto:nlind@example.org">nlind@example.org</a> '
        f'or follow her <a href="/x/nlind">{handle}</a>. Follow us on Twitter '
        '<a href="/x/valley">@ValleyScience</a> and on <a href="/fb">Facebook</a>.</p>'
        "</article></main>"
        '<div class="banner"><p>This website uses cookies to improve your experience. By '
        f'clicking "Accept" you are agreeing to our <a href="/legal">{policy}</a>.</p></div>'
        "</body></html>"
    )


def test_contact_line_and_cookie_notice_links_make_no_new_version() -> None:
    before = extract_document(_page("@nlind", "Privacy Policy"))
    after = extract_document(_page("@ValleyScience", "Report"))
    assert content_hash(before) == content_hash(after)
    assert before.paragraphs == tuple(_STORY)


def test_a_cookie_notice_kept_by_the_engine_is_furniture() -> None:
    assert is_boilerplate(
        "This website uses cookies to improve your experience. By clicking “Accept” you "
        "are agreeing to our Privacy Policy."
    )


def test_sentences_that_mention_following_or_cookies_stay() -> None:
    story = (
        "The council said it would follow them closely over the winter, after residents "
        "complained that the bakery on the square uses cookies from a supplier abroad."
    )
    assert not is_boilerplate(story)
    quote = (
        "Her campaign asked supporters to follow her on Twitter, where she posted daily "
        "updates on the budget talks, the hearings and the votes of the committee, which "
        "drew thousands of replies from voters across the region and beyond it, and "
        "which her opponents said broke the rules on campaign spending in the months "
        "before the election."
    )
    assert not is_boilerplate(quote)


def _page_with_teaser(teaser: str) -> str:
    paragraphs = [f"<p>{text}</p>" for text in _STORY]
    paragraphs.insert(2, f'<p><strong><a href="/news/teaser">{teaser}</a></strong></p>')
    return (
        "<html><head><title>New telescope records its first images | Valley Science"
        "</title></head><body><main><article>"
        f"<h1>New telescope records its first images</h1>{''.join(paragraphs)}"
        "</article></main></body></html>"
    )


def test_a_long_linked_teaser_headline_between_paragraphs_is_furniture() -> None:
    before = extract_document(
        _page_with_teaser(
            "OBSERVATORY DIRECTOR OPENS UP ABOUT THE YEARS SPENT WAITING FOR THE NEW CAMERA"
        )
    )
    after = extract_document(
        _page_with_teaser(
            "UNIVERSITY PLANS A SECOND TELESCOPE ON THE NORTHERN RIDGE, DESPITE LOCAL PROTESTS"
        )
    )
    assert content_hash(before) == content_hash(after)
    assert before.paragraphs == tuple(_STORY)
