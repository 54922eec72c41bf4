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


def _review(policy: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    return (
        "<html><head><title>The best home telescopes | Valley Science</title></head><body>"
        "<main><article><h1>The best home telescopes</h1>"
        "<p>We may earn a commission from links on this page, but we only recommend products "
        f'we back. <a href="/about/reviews">{policy}</a></p>{paragraphs}</article></main>'
        "</body></html>"
    )


def test_an_affiliate_disclosure_is_furniture_and_its_links_make_no_new_version() -> None:
    before = extract_document(_review("Why Trust Us?"))
    after = extract_document(_review("Our review policy"))
    assert before.paragraphs == tuple(_STORY)
    assert content_hash(before) == content_hash(after)


def test_the_ways_sites_word_their_disclosure_are_furniture() -> None:
    for notice in (
        "This post contains affiliate links. Click here to read my full disclosure.",
        "We buy all the products we test. If you purchase through our links, we may earn a "
        "commission, which helps support our testing.",
        "Disclosure: If you buy through affiliate links, I may earn a small commission.",
        "SeniorLiving.org is supported by commissions from providers listed on our site.",
        "We also may use affiliate links in our posts, as well. Thanks!",
    ):
        assert is_boilerplate(notice), notice


def test_a_story_about_commissions_and_affiliate_links_stays() -> None:
    for sentence in (
        "The retailer earns a commission of 4 percent on each sale made through links on "
        "partner sites, the regulator's report found.",
        "“We receive a commission of 3 percent on every booking,” the agency's director said.",
        "I make a commission on every sale, says the owner of the shop, who opened in March.",
    ):
        assert not is_boilerplate(sentence), sentence


def _newsletter_box(name: str) -> str:
    return (
        f'<div class="signup" id="{name}"><form><input type="email" name="email">'
        "<button>Sign up</button></form><p>By entering your email address you agree to our"
        ' <a href="/terms">Terms of Use</a> and <a href="/privacy">Privacy Policy</a> and'
        " consent to receive emails from Valley Science about news and offers.</p></div>"
    )


def test_a_sign_up_forms_fine_print_is_furniture() -> None:
    # Printed under every sign-up box of the page, between the story's paragraphs.
    paragraphs = "".join(
        f"<p>{text}</p>{_newsletter_box(f'signup-{index}')}" for index, text in enumerate(_STORY)
    )
    page = (
        "<html><head><title>New telescope records its first images</title></head><body><main>"
        f"<article><h1>New telescope records its first images</h1>{paragraphs}</article>"
        "</main></body></html>"
    )
    assert extract_document(page).paragraphs == tuple(_STORY)
    for fine_print in (
        "New accounts only. By submitting your email you agree to our Privacy Policy",
        "By signing up, you consent to receive marketing emails from us.",
    ):
        assert is_boilerplate(fine_print)


def test_sentences_about_agreeing_by_doing_something_stay() -> None:
    for story in (
        "By entering the market early, the company agreed to share its patents with the "
        "four universities.",
        '"By signing up, you agree to be tracked across every site you visit," the '
        "regulator said in its report on Tuesday.",
    ):
        assert not is_boilerplate(story)


def test_a_reporters_contact_line_is_furniture() -> None:
    for line in (
        "Reach the reporters on Twitter at http://twitter.com/nlind and http://twitter.com/ovale",
        "Contact staff writer Nora Lind at 555-0100, nlind.07 on Signal, or nlind@example.org.",
    ):
        assert is_boilerplate(line), line


def test_a_story_sentence_about_reaching_a_writer_stays() -> None:
    for story in (
        "Contact with the writers' union broke down on Tuesday, when the studios walked out "
        "of the talks at the hotel.",
        "Reaching the reporters trapped in the city took rescuers three days.",
    ):
        assert not is_boilerplate(story), story


def test_an_appeal_to_the_reader_after_the_story_is_furniture() -> None:
    for appeal in (
        "If you enjoyed this article, join our members' club: no paywalls, no ads.",
        "If you liked this post you might also like:",
        "If you're enjoying this article, consider supporting our award-winning journalism "
        "by subscribing.",
        "Please support our independent journalism: give what you can today.",
    ):
        assert is_boilerplate(appeal), appeal


def test_a_story_sentence_about_liking_or_support_stays() -> None:
    for story in (
        "Readers who liked this year's festival programme bought tickets within an hour.",
        '"If you enjoyed this film, you will love the sequel," the director told the crowd.',
        "The foundation will support local journalism with a £2m fund next year.",
    ):
        assert not is_boilerplate(story), story
