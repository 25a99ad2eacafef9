"""Whole-document rules take a document only when it holds no article: a crawl notice next
to an article, or glued into its lines, costs the article nothing."""

from __future__ import annotations

from cleaner.api import clean_text

ARTICLE = [
    "Simpson's legal team argued that the sentence did not match the crime and that it was, in "
    "fact, a form of payback for his acquittal in the deaths of Brown and Goldman.",
    "Even Bruce Fromong, a victim in the robbery, agreed that the sentence had been too harsh for "
    "what happened in the hotel room that night.",
    "At a parole hearing in 2013, Simpson said he regretted the Las Vegas kidnapping and robbery "
    "and wished he had never gone to that room.",
]
NOTICE = ("These crawls are part of an effort to archive pages as they are created and archive the "
          "pages that they refer to. That way, as the pages that are referenced are changed or taken "
          "from the web, a link to the version that was live when the page was written will be "
          "preserved. The goal is to fix all broken links on the web . Crawls of supported \"No More "
          "404\" sites.")


def test_a_short_article_keeps_its_text_when_a_crawl_notice_sits_on_its_own_line() -> None:
    # Before: the document was under the rule's 400 words, so every line went as "archive".
    result = clean_text("\n\n".join([*ARTICLE, NOTICE]) + "\n")
    assert result.text.strip().split("\n\n") == ARTICLE
    assert [r.text.strip() for r in result.removals if r.text.strip()] == [NOTICE]
    assert {r.category for r in result.removals} == {"archive"}


def test_a_notice_glued_to_article_sentences_on_one_line_loses_only_its_own_sentences() -> None:
    # Multi-News sources whose line breaks were lost: article and notice on one line. Before:
    # the whole line (here the whole document) went.
    line = " ".join(ARTICLE) + " " + NOTICE
    result = clean_text(line + "\n")
    for sentence in ARTICLE:
        assert sentence in result.text
    assert "crawls" not in result.text.lower() and "404" not in result.text
    assert {r.rule for r in result.removals} == {"archive.crawl-notice"}


def test_a_document_that_is_only_a_crawl_page_still_comes_out_empty() -> None:
    page = "\n".join(["About this capture", "COLLECTED BY", "Organization: Internet Archive", NOTICE,
                      "Starting in 1996, Alexa Internet has been donating their crawl data to the "
                      "Internet Archive."]) + "\n"
    result = clean_text(page)
    assert result.text.strip() == ""
    assert {r.category for r in result.removals} == {"archive"}


def test_sentence_rules_judge_what_the_notice_leaves_of_a_line_so_a_second_cleaning_takes_nothing() -> None:
    # The document stage cuts the notice's sentences; the phrase stage then judges the
    # sentences left on that line (Twitter's location text here), as a second cleaning would.
    tweet = ("Tweet with a location You can add location information to your Tweets, such as your "
             "city or precise location, from the web and via third-party applications. You always "
             "have the option to delete your Tweet location history.")
    result = clean_text(" ".join(ARTICLE) + " " + NOTICE + " " + tweet + "\n")
    assert result.text == " ".join(ARTICLE) + "\n"
    again = clean_text(result.text)
    assert again.text == result.text and not again.removals
