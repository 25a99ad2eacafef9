"""The text paragraph classifier: whole-page dumps lose their chrome, extracted articles are
left alone, and the structural duplicate/tail signals behave as documented."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.api import clean_text
from cleaner.stages.classifier import Line, _neighbours, classify, dangling_tail, looks_like_dump, plausible

ARTICLE = [
    "The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
    "connect the northern suburbs with the hospital district and the university campus by next spring.",
    "Officials said the plan would cost about 40 million dollars over five years and would be paid for "
    "from the transport budget, which has grown since the state raised its contribution last year.",
    "Residents who spoke at the meeting were mostly in favour, although several asked why the routes "
    "would not run later in the evening, when many of the hospital's staff finish their shifts.",
    "The mayor said that the timetable could be changed once the council had seen how many people use "
    "the new buses, and that a review of the whole network is planned for the following year.",
]
MENU = ["Home", "News", "World", "Politics", "Business", "Sport", "Weather", "Opinion", "Video",
        "Podcasts", "Newsletters", "Sign in", "Subscribe", "Search", "Local", "Traffic"]
FOOTER = ["About us", "Contact", "Careers", "Advertise", "Terms", "Privacy", "Cookie settings",
          "Most read", "Mayor Opens New Library Branch", "Storm Damage Closes Coastal Road",
          "School Board Names New Head", "Police Seek Witnesses After Crash"]


def dump() -> str:
    return "\n".join([*MENU, "Council expands bus network", *ARTICLE, *FOOTER]) + "\n"


def test_a_whole_page_dump_is_recognised_and_an_article_is_not() -> None:
    assert looks_like_dump([*MENU, *ARTICLE, *FOOTER])
    assert not looks_like_dump(ARTICLE)
    # Many short lines but the text starts with its story: a list-heavy article, not a page.
    listy = [ARTICLE[0], *[f"Step {i}: stir the sauce" for i in range(30)], ARTICLE[1]]
    assert not looks_like_dump(listy)


def book_list(entries: int, signed: bool = False) -> list[str]:
    """A list-heavy article as extractors give it: for each book a title, an author and a
    publisher line (short, no sentence punctuation), then a review paragraph (signed with
    the critic's name, as some papers do, so it does not end like a sentence)."""
    lines = ["PICTURE BOOKS"] if signed else [
        "Our critics read hundreds of new books this year. These are the ones they could not "
        "put down, sorted by the age of the reader they suit best."]
    for i in range(entries):
        review = (f"A girl finds the {i}th lantern behind her grandmother's barn in this warm and funny "
                  "story, and readers of every age will find something to love in its pages.")
        lines += [f"The Lantern Keeper Part {i}", f"Writer Number{i} Smith",
                  f"Publisher{i} Books, $1{i % 10}.99; ages {3 + i % 5}-{8 + i % 5}",
                  review[:-1] + " -- Karen Critic" if signed else review]
    return lines


def test_a_list_heavy_article_is_not_a_dump() -> None:
    # Seen on held-out extractor output (a newspaper's book-gift list): its many short
    # lines sit between its paragraphs, not in the runs a page's menus and footers form.
    assert not looks_like_dump(book_list(30))
    # Signed reviews: no line ends like a sentence, so there is no "header before the first
    # paragraph" to see; every line before the first sentence used to count as a header.
    assert not looks_like_dump(book_list(14, signed=True))
    for lines in (book_list(30), book_list(14, signed=True)):
        text = "\n\n".join(lines) + "\n"
        assert clean_text(text).text == text
    # A page whose menus come in runs is still a dump however its article reads.
    assert looks_like_dump([*MENU, *book_list(14, signed=True), *FOOTER])


def test_classifier_keeps_the_article_run_and_drops_the_chrome() -> None:
    lines = [*MENU, *ARTICLE, *FOOTER]
    keep = classify(lines)
    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    assert kept == ARTICLE
    assert plausible(lines, keep)


def test_cleaning_a_dump_keeps_every_article_paragraph_and_is_idempotent() -> None:
    result = clean_text(dump())
    for paragraph in ARTICLE:
        assert paragraph in result.text
    for chrome in ("Podcasts", "Cookie settings", "Storm Damage Closes Coastal Road"):
        assert chrome not in result.text
    assert any(r.stage == "classifier" for r in result.removals)
    again = clean_text(result.text)
    assert again.removals == [] and again.text == result.text


def test_extracted_article_is_left_alone_by_the_classifier() -> None:
    text = "\n\n".join(["Council expands bus network", ARTICLE[0], "New routes", *ARTICLE[1:]]) + "\n"
    result = clean_text(text)
    assert result.text == text
    assert not [r for r in result.removals if r.stage == "classifier"]


def test_implausible_verdict_is_not_applied() -> None:
    lines = [*MENU, *ARTICLE]
    keep = [False] * len(lines)
    assert not plausible(lines, keep)


def test_dangling_heading_or_question_at_the_end_goes_but_credits_stay() -> None:
    assert dangling_tail([ARTICLE[0], "How can your company get started?", "So what's next?"]) == 2
    assert dangling_tail([ARTICLE[0], "Additional reporting by Reuters News Agency"]) == 0
    assert dangling_tail([ARTICLE[0], "Contributing: Jane Doe"]) == 0
    assert dangling_tail([ARTICLE[0], ARTICLE[1]]) == 0


def test_template_items_that_recur_alone_are_not_duplicates() -> None:
    block = ["Pre-Workout Meal", "Eat 60 to 90 minutes before your workout and drink water"]
    text = "\n".join([ARTICLE[0], *block, "Plan B", *block, "Plan C", *block, ARTICLE[1]]) + "\n"
    result = clean_text(text)
    assert not [r for r in result.removals if r.category == "duplicate"]


def test_doubled_body_still_goes() -> None:
    text = "\n\n".join([*ARTICLE, *ARTICLE]) + "\n"
    result = clean_text(text)
    assert result.text == "\n\n".join(ARTICLE) + "\n"
    assert {r.category for r in result.removals} == {"duplicate"}


def test_caption_repeating_a_sentence_with_a_credit_is_a_duplicate() -> None:
    caption = ARTICLE[1] + " Courtesy Jane Doe"
    text = "\n\n".join([*ARTICLE, caption]) + "\n"
    result = clean_text(text)
    assert caption not in result.text
    assert ARTICLE[1] in result.text


def test_glued_stamp_is_cut_and_headline_stays() -> None:
    text = ("Father Says Justice Will Be Served Posted: Wednesday, June 27, 2012 1:32 PM EDT\n\n"
            + ARTICLE[0] + "\n")
    result = clean_text(text)
    assert result.text.startswith("Father Says Justice Will Be Served\n")
    assert "Posted" not in result.text


def test_bulleted_teaser_list_at_the_end_goes_but_a_single_item_stays() -> None:
    teasers = ["- 15 Amazing Images of Stars", "- The 11 Biggest Unanswered Questions About Dark Matter"]
    assert dangling_tail([ARTICLE[0], *teasers]) == 2
    assert dangling_tail([ARTICLE[0], "Symptoms include fever", teasers[0]]) == 0


CLASSES = ("good", "near-good", "short", "bad")


def _nearest(classes: list[str], i: int, step: int, ignore: tuple[str, ...]) -> str:
    """jusText's neighbour lookup, line by line (the definition `_neighbours` must equal)."""
    j = i + step
    while 0 <= j < len(classes):
        if classes[j] not in ignore:
            return "good" if classes[j] in ("good", "near-good") and "near-good" in ignore else classes[j]
        j += step
    return "bad"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CLASSES), max_size=40), st.sampled_from([-1, 1]),
       st.sampled_from([("short", "near-good"), ("short",), ("near-good",)]))
def test_neighbour_classes_in_one_pass_equal_the_line_by_line_lookup(classes, step, ignore) -> None:
    lines = [Line(text="x", chars=1, stop_density=0.0, linky=False, cls=c) for c in classes]
    expected = [_nearest(classes, i, step, ignore) for i in range(len(classes))]
    assert _neighbours(lines, step, ignore) == expected


# Article sentences a dump splits off: short paragraphs of 70-200 characters (near-good on
# their own), a figure-laden sentence poor in stopwords, and a photo caption between them.
NEAR_GOOD = [
    "The new routes will be tested for six months before the council decides whether to keep them.",
    "Drivers' unions said they had been consulted and that they were happy with the new timetable.",
    "A public meeting about the changes will be held at the town hall on the first of next month.",
]
FIGURES = "Fares rose 3.2% to $2.40, the monthly pass 4.1% to $68.50 and the student pass 2.5% to $31."
# Paragraphs over 200 characters: good on their own (no short-story fallback).
LONG = [ARTICLE[0] + " " + ARTICLE[1], ARTICLE[2] + " " + ARTICLE[3]]
CAPTION = "PHOTO: Buses Wait At The Central Depot Before The Morning Rush (City Transport Department)"


def _kept(lines: list[str]) -> list[str]:
    return [line for line, k in zip(lines, classify(lines), strict=True) if k]


def test_a_sentence_inside_the_article_run_stays_whatever_its_class() -> None:
    lines = [*MENU, LONG[0], FIGURES, LONG[1], *FOOTER]
    assert _kept(lines) == [LONG[0], FIGURES, LONG[1]]


def test_a_stretch_of_short_paragraphs_cut_off_by_a_bad_line_joins_the_article() -> None:
    # jusText alone would demote the near-good stretch between two bad lines.
    lines = [*MENU, *LONG, CAPTION, *NEAR_GOOD, CAPTION, *FOOTER]
    assert _kept(lines) == [*LONG, *NEAR_GOOD]


def test_the_run_extends_over_prose_past_a_caption_but_not_over_chrome() -> None:
    lines = [*MENU, *LONG, CAPTION, *NEAR_GOOD[:2], *FOOTER]
    assert _kept(lines) == [*LONG, *NEAR_GOOD[:2]]
    # A longer gap of chrome ends the article: prose beyond it is another part of the page.
    teasers = ["Mayor Opens New Library Branch In The Old Post Office Building On Main Street",
               "Storm Damage Closes Coastal Road Between The Harbour And The Lighthouse Again",
               "School Board Names New Head Of The District After A Long Search Across The State"]
    far = [*MENU, *LONG, *teasers, *NEAR_GOOD[:2], *FOOTER]
    assert _kept(far) == LONG


def test_the_run_extends_over_a_market_reports_figure_laden_sentences() -> None:
    # Held-out (a Reuters market report wrapped in page chrome): sentences full of figures
    # are poor in stopwords and were cut off the end of the article.
    figures = ["Shares of the largest lender rose 4.3 percent to 1,204.50 rupees after it reported a "
               "12 percent rise in quarterly profit.",
               "The index gained 0.03 percent at 27,403.54 points, while the broader index ended 0.02 "
               "percent higher at 8,248.25 points."]
    lines = [*MENU, *ARTICLE, *figures, *FOOTER]
    kept = [line for line, k in zip(lines, classify(lines), strict=True) if k]
    assert kept == [*ARTICLE, *figures]


def test_a_dumps_headline_stays_but_not_a_share_bar_or_another_storys_teaser() -> None:
    # The guideline keeps the headline; in a dump it is a short line like the menus around it.
    headline = "Council adds twelve bus routes to the northern suburbs"
    for above in ([headline], [headline, "By Jane Smith", "Share this article"]):
        lines = [*MENU, *above, *ARTICLE, *FOOTER]
        kept = [line for line, k in zip(lines, classify(lines), strict=True) if k]
        assert kept == [headline, *ARTICLE], above
    # A line above the article that shares nothing with its opening is not its headline.
    for above in (["Storm Damage Closes Coastal Road"], ["Copy Link URL Copied!"]):
        lines = [*MENU, *above, *ARTICLE, *FOOTER]
        kept = [line for line, k in zip(lines, classify(lines), strict=True) if k]
        assert kept == ARTICLE, above
    assert headline in clean_text("\n".join([*MENU, headline, *ARTICLE, *FOOTER]) + "\n").text


def test_a_dumps_standfirst_and_stopword_poor_lede_stay_with_the_headline() -> None:
    # Held-out (fundus test articles in a made-up page): the standfirst has no full stop and
    # a lede full of names has few stopwords, so both went with the menus above the body.
    headline = "Council adds twelve bus routes to the northern suburbs"
    standfirst = "Twelve new routes will connect the northern suburbs with the hospital district by next spring"
    lede = ("BRIGHTON, Nov 22 — Mayor Jane Smith, Transport Commissioner Ali Khan and Council Leader "
            "Tom Brown announced twelve new northern bus routes for Brighton on Tuesday.")
    for between in ([standfirst], [lede], [standfirst, "By Jane Smith", lede]):
        lines = [*MENU, headline, *between, *ARTICLE, *FOOTER]
        expected = [headline, *(line for line in between if line != "By Jane Smith"), *ARTICLE]
        assert _kept(lines) == expected, between
    # Without a headline above there is no standfirst to keep: the page's chrome stays out.
    teaser = "Storm damage closes the coastal road between the harbour and the lighthouse again"
    assert _kept([*MENU, teaser, *ARTICLE, *FOOTER]) == ARTICLE


def test_a_dumps_title_stays_above_a_deck_that_looks_like_a_headline() -> None:
    # A deck without a full stop is headline-shaped, so it was taken for the headline and the
    # real title above it was lost; a menu entry above the headline still goes.
    title = "Bus network grows north as council approves twelve new routes"
    deck = "Twelve new bus routes will connect the northern suburbs with the hospital"
    assert _kept([*MENU, title, deck, *ARTICLE, *FOOTER]) == [title, deck, *ARTICLE]
    assert _kept([*MENU, "Watch Live", deck, *ARTICLE, *FOOTER]) == [deck, *ARTICLE]


def test_a_dumps_in_article_subheading_stays_but_chrome_inside_the_article_still_goes() -> None:
    # Held-out (fundus articles in a made-up page): "Palestinians react" above a paragraph
    # went with the menus, as every short line that does not read as a sentence did.
    # Under it, a paragraph full of names is poor in stopwords, so jusText's context rule
    # (a short line between two good ones is good) does not save the heading.
    subheading = "Residents react"
    names = ("Jamil Al Saadouni, 58, told CBC videographer Mohamed El Saife in Khan Younis that "
             "Sinwar's appointment was an internal decision.")
    lines = [*MENU, *ARTICLE[:2], subheading, names, *ARTICLE[2:], *FOOTER]
    assert _kept(lines) == [*ARTICLE[:2], subheading, names, *ARTICLE[2:]]
    # A phrase rule still takes chrome of the same shape inside the article.
    page = "\n".join([*MENU, *ARTICLE[:2], "Share this article", *ARTICLE[2:], *FOOTER]) + "\n"
    assert "Share this article" not in clean_text(page).text


def test_french_quotation_marks_are_not_menu_separators() -> None:
    # Held-out (Le Monde, fundus, in a made-up page): " » " inside « ... » read as a
    # breadcrumb separator ("Accueil » Politique"), so quoting paragraphs went as menus.
    article = [
        "Le conseil municipal a voté mardi soir l'extension du réseau de bus, avec douze nouvelles "
        "lignes qui relieront les quartiers du nord à l'hôpital et à l'université dès le printemps.",
        "Pour la maire, il n'existe qu'une seule voie pour « apaiser la colère et tourner la page » "
        "du conflit qui a duré tout au long de l'année : la tenue d'une consultation des habitants.",
        "A ses yeux, « on peut parler de rupture, avec de possibles conséquences » pour la ville, et "
        "elle dit avoir « mis en garde » le préfet sur sa responsabilité dans cette affaire.",
        "Les habitants qui ont pris la parole lors de la réunion étaient pour la plupart favorables au "
        "projet, même si plusieurs ont demandé pourquoi les bus ne circuleraient pas plus tard le soir.",
    ]
    headline = "« Une seule voie » : la maire veut consulter les habitants sur le réseau de bus"
    menu = ["Accueil", "Politique", "International", "Économie", "Sport", "Culture", "Météo",
            "Accueil » Politique", "Se connecter", "S'abonner", "Rechercher", "Menu"]
    kept = _kept([*menu, headline, *article, *FOOTER])
    assert kept == [headline, *article]
    assert "Accueil » Politique" not in kept


def test_a_dumps_headline_after_a_kicker_and_a_bar_stays_but_a_menu_of_bars_goes() -> None:
    # Held-out (TimesLive, fundus): "BUDGET 3.0 | Sars gets R4bn ..." read as a menu line.
    headline = "Transport | Council adds twelve bus routes to the northern suburbs"
    assert _kept([*MENU, headline, *ARTICLE, *FOOTER]) == [headline, *ARTICLE]
    menu_line = "Council | Bus routes | Northern suburbs | Hospital"
    assert _kept([*MENU, menu_line, *ARTICLE, *FOOTER]) == ARTICLE


def test_a_closing_paragraph_with_the_outlets_sign_off_stays_in_a_dump() -> None:
    # "... inner city. DM": the outlet's sign-off after the last full stop is still a sentence end.
    closing = ("Together, these actions can build an enabling system that protects livelihoods and "
               "supports a vibrant, inclusive inner city. DM")
    assert _kept([*MENU, *ARTICLE, closing, *FOOTER]) == [*ARTICLE, closing]


def test_a_reporting_credit_after_the_article_stays_in_a_dump() -> None:
    # The guideline keeps "Reporting by ..." and "X contributed to this report".
    for credit in ("(Reporting by Will Dunham; Editing by Tom Brown)",
                   "Associated Press writers Alan Fram and Zeke Miller contributed to this report."):
        lines = [*MENU, *ARTICLE, credit, *FOOTER]
        kept = [line for line, k in zip(lines, classify(lines), strict=True) if k]
        assert kept == [*ARTICLE, credit], credit


def test_a_dump_classified_before_another_stage_cuts_a_line_is_cleaned_once_for_all() -> None:
    # Found by fuzzing: a results page classified as a dump, keeping everything; the
    # duplicates stage then took a doubled closing paragraph, so the article run ended
    # earlier and a second cleaning removed the results block now after it.
    results = ["Saturday's results", "Storm 3, Harbour City 1", "Rovers 0, United 0", "Athletic 2, Wanderers 2",
               "Standings", "1. Storm, 34 points", "2. Rovers, 31 points", "3. Athletic, 29 points"]
    opening = ("The Storm won 3-1 on Saturday, with two late goals from their captain sealing a fifth "
               "straight victory.")
    closing = ("The Storm play Rovers next weekend in what their coach called the most important game "
               "of the season.")
    text = "\n".join([opening, *results[:4], *results * 6, closing, *results, closing]) + "\n"
    once = clean_text(text)
    again = clean_text(once.text)
    assert again.removals == [] and again.text == once.text
