"""Text tables between bars are article text: menu checks must leave them."""

from __future__ import annotations

from cleaner.api import clean_text
from cleaner.tables import cells, number_cell, table_rows

LEAD = ("The league table after Sunday's games shows that the race for the title is far from over, "
        "with three teams within two points of each other at the top.")
TAIL = ("The title will be decided in May, when the leaders meet at the home of the champions in the "
        "last round of the season.")
TABLE = ["Team | Played | Won | Points", "Arsenal | 20 | 14 | 45", "Liverpool | 20 | 13 | 44",
         "Chelsea | 20 | 13 | 43"]


def doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_table_of_bar_separated_rows_inside_the_article_stays() -> None:
    # navigation.menu-line took each of these rows before the table guard.
    text = doc(LEAD, *TABLE, TAIL)
    result = clean_text(text)
    assert result.text == text
    assert not result.removals


def test_a_table_without_a_header_and_with_units_stays() -> None:
    rows = ["Clinton | 48% | 2,844,000", "Trump | 46% | 2,791,000", "Johnson | 3% | 180,000"]
    text = doc(LEAD, *rows, TAIL)
    assert clean_text(text).text == text


def test_menus_next_to_the_table_rule_still_go() -> None:
    menu = "Home | World | Politics | Sport"
    text = doc(menu, LEAD, TAIL, "2016 Election Calendar | WSJ/NBC Polls | 2016 Poll Standings")
    assert clean_text(text).text == doc(LEAD, TAIL)


def test_two_menus_in_a_row_are_no_table() -> None:
    menus = ["Home | World | Politics | Sport", "About | Contact | Jobs | Advertise"]
    assert table_rows(menus) == set()
    assert clean_text(doc(*menus, LEAD, TAIL)).text == doc(LEAD, TAIL)


def test_table_rows_need_the_same_width_and_figures() -> None:
    assert table_rows(TABLE) == {0, 1, 2, 3}
    assert table_rows([TABLE[1]]) == set()  # one row alone
    assert table_rows(["A | 1 | 2", "B | 3 | 4 | 5"]) == set()  # widths differ
    assert table_rows(["A | 1 | 2", "", "B | 3 | 4"]) == {0, 2}  # blank lines between rows
    assert cells("| a | b | c |") == ["a", "b", "c"]
    assert all(number_cell(c) for c in ("90", "52%", "1,024", "$3.5m", "3-1", ".556", "+4"))
    assert not any(number_cell(c) for c in ("2016 Poll Standings", "WSJ/NBC Polls", "Home"))
