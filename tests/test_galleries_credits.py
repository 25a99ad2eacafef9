"""Issue 13, second round: gallery slides, glued photo credits, running page headers and
pointer sentences. Each test pairs the boilerplate that must go with article text that
uses the same words or shape and must stay."""

from __future__ import annotations

from test_structure import P1, P2, P3, doc  # the same article around each piece

from cleaner.api import Config, clean_text
from cleaner.stages.structure import page_header_lines, slide_lines


def rules_of(text: str) -> list[tuple[str, str]]:
    return [(r.rule, r.text.strip()) for r in clean_text(text).removals]


# --- glued photo credits: only the credit goes ------------------------------------------------

CAPTION = ("President Donald Trump speaks during a news conference in the East Room of the White House "
           "in Washington, Thursday, Feb. 16, 2017.")


def test_credit_after_caption_goes_and_caption_stays() -> None:
    text = doc(P1, f"{CAPTION} (AP Photo/Evan Vucci) (Associated Press)", P2, P3)
    result = clean_text(text)
    assert ("media.glued-credit", "(AP Photo/Evan Vucci) (Associated Press)") in rules_of(text)
    assert CAPTION in result.text and "Vucci" not in result.text


def test_credit_before_article_sentence_goes_and_sentence_stays() -> None:
    line = ("Barry and Honey Sherman were found dead at their home in the Bayview Avenue area. "
            "(Katherine Brulotte/CBC) Over the weekend, a makeshift memorial was set up in front of the home.")
    out = clean_text(doc(P1, P2, line, P3)).text
    assert "Brulotte" not in out
    assert "Over the weekend, a makeshift memorial was set up in front of the home." in out
    assert "Barry and Honey Sherman were found dead at their home in the Bayview Avenue area." in out


def test_credit_at_end_of_caption_without_full_stop() -> None:
    line = ("A member of the Indonesian Red Cross walks among coffins at the main hospital in Pangkalan Bun, "
            "Indonesia (Tatan Syuflana/AP)")
    out = clean_text(doc(P1, line, P2, P3)).text
    assert "Syuflana" not in out and "Pangkalan Bun, Indonesia" in out


def test_parenthesised_prose_with_a_slash_stays() -> None:
    line = ("The song was written by the band in Sydney (Angus Young/AC/DC fans know it well), and it was "
            "recorded a year later in London.")
    assert line in clean_text(doc(P1, line, P2, P3)).text


# --- a whole gallery glued into one line -------------------------------------------------------

def test_gallery_line_from_title_to_last_counter_goes() -> None:
    gallery = ("Photos: Notable moments of the station Photos: Notable moments of the station The crew took this "
               "picture in 2011. Atlantis was the last shuttle to visit. Hide Caption 1 of 2 Photos: Notable moments "
               "of the station The crew waves from the hatch. It was their last day. Hide Caption 2 of 2")
    out = clean_text(doc(P1, P2, gallery, P3)).text
    assert "Notable moments" not in out and "Atlantis" not in out and P3 in out


def test_gallery_line_with_article_text_after_the_last_counter_is_not_taken_whole() -> None:
    line = ("Photos: Notable moments of the station The crew took this picture in 2011. Hide Caption 1 of 2 "
            "The station was first launched in 1998 and built by a partnership of 16 nations.")
    assert "media.gallery-line" not in {rule for rule, _ in rules_of(doc(P1, P2, line, P3))}


# --- gallery slides "N/M" ------------------------------------------------------------------------

SLIDES = [f"{n}/6 On topic {n} “A quote that the gallery shows on slide {n}.” Getty Images" for n in range(1, 7)]


def test_slide_run_goes_with_its_show_all_control() -> None:
    text = doc(P1, "6 show all The most controversial quotes", *SLIDES, P2, P3)
    found = rules_of(text)
    assert sum(rule == "structure.slide-run" for rule, _ in found) == 7
    out = clean_text(text).text
    assert "slide" not in out and "show all" not in out and P2 in out


def test_slide_run_can_be_switched_off() -> None:
    text = doc(P1, *SLIDES, P2, P3)
    # (the line scorer, switched off too, would take these made-up slides on its own)
    out = clean_text(text, config=Config(disabled_rules=frozenset({"structure.slide-run", "scorer.line"}))).text
    assert all(slide in out for slide in SLIDES)


def test_fractions_dates_and_partial_counters_are_no_gallery() -> None:
    recipe = ["1/2 cup sugar, sifted", "1/4 cup butter, melted", "3/4 cup flour", "1/8 teaspoon salt", "3/8 cup milk"]
    assert slide_lines(recipe) == []
    dates = ["1/18 The team opened the season at home.", "2/18 The team lost away.", "3/18 The team won again."]
    assert slide_lines(dates) == []
    # Slides out of order or too few of the gallery's M: a list, not a gallery.
    assert slide_lines(["3/6 On a", "1/6 On b", "2/6 On c"]) == []
    assert slide_lines(["1/9 On a b", "2/9 On b c", "3/9 On c d"]) == []
    assert slide_lines(SLIDES) == list(range(6))


# --- running page headers --------------------------------------------------------------------------

def test_running_page_header_goes_article_caps_stay() -> None:
    texts = ["PROPERTY OF THE U.S. HOUSE OF REPRESENTATIVES", P1, "PROPERTY OF THE US. HOUSE OF REPRESENTATIVES", P2,
             "PROPERTY OF THE U.S. HOUSE OF REPRESENTATIVES", "12 EXTENDED SUMMARY", "EXTENDED SUMMARY 13"]
    assert page_header_lines(texts) == [0, 2, 4]
    speakers = ["MR. SMITH:", "MR. JONES:", "MR. SMITH:", "MR. JONES:", "MR. SMITH:", "(APPLAUSE)", "(APPLAUSE)",
                "(APPLAUSE)"]
    assert page_header_lines(speakers) == []
    out = clean_text(doc(*texts[:5], P3)).text
    assert "PROPERTY" not in out and P1 in out and P2 in out and P3 in out


# --- pointer sentences -------------------------------------------------------------------------------

def test_parenthesised_pointer_glued_to_a_paragraph_goes_alone() -> None:
    line = ("As Susie says of Mr. Harvey, \"He didn't understand how much a father could love his child.\" "
            "(See the top 10 movie performances of 2009.)")
    out = clean_text(doc(P1, P2, line, P3)).text
    assert "top 10" not in out
    assert "He didn't understand how much a father could love his child." in out


def test_parenthesised_aside_with_see_stays() -> None:
    line = ("The council kept the old timetable (see the full text of the ruling, which the court released on "
            "Monday, and the dissent) until the spring.")
    assert line in clean_text(doc(P1, line, P2, P3)).text


def test_running_header_glued_in_front_of_page_text_is_cut_and_the_text_stays() -> None:
    pages = ["EXTENDED SUMMARY THE IMPACT OF SPACE WEATHER Modern society depends on the power grid.",
             "10 EXTENDED SUMMARY Figure 4. Progressive loss of navigation service over North America.",
             "EXTENDED SUMMARY 11 It is not known how a severe storm would affect the grid today.",
             "12 EXTENDED SUMMARY Figure 5. Regions susceptible to power grid collapse."]
    out = clean_text(doc(*pages, P1, P2)).text
    # the first printing, with no page number, is the document's title and stays
    assert "EXTENDED SUMMARY THE IMPACT OF SPACE WEATHER Modern society" in out
    assert out.count("EXTENDED SUMMARY") == 1
    for kept in ("Figure 4. Progressive loss", "It is not known how a severe storm", "Figure 5. Regions"):
        assert f"\n{kept}" in out


def test_repeated_capitalised_dateline_without_page_numbers_stays() -> None:
    lines = [f"NEW YORK — {p}" for p in (P1, P2, P3)]
    assert clean_text(doc(*lines)).text == doc(*lines)
