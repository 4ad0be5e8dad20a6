"""The request parameter readers: what int() or the database would choke on is "nothing chosen"."""

import pytest

from emulation.params import MAX_ID, choice_param, id_list, id_param, page_param, text_param


@pytest.mark.parametrize("value", ["1", "42", "007", str(MAX_ID)])
def test_ascii_digits_are_an_id(value):
    assert id_param(value) == int(value)


@pytest.mark.parametrize(
    "value",
    [None, "", " 1", "1 ", "+1", "-1", "0", "1.0", "1e3", "²", "١٢٣", "１２", "x\x00y", str(MAX_ID + 1), "9" * 5000, 7],
)
def test_anything_else_is_no_id(value):
    assert id_param(value) is None
    assert page_param(value) is None


def test_an_id_list_keeps_the_valid_ids_once_and_stops_at_its_limit():
    assert id_list(["3", "²", "3", "9" * 5000, "1", "١٢٣", "2"], limit=2) == [3, 1]
    assert id_list([], limit=5) == []


def test_a_choice_outside_the_list_is_the_default():
    assert choice_param("open", ["open", "closed"]) == "open"
    assert choice_param("x\x00y", ["open"]) == ""
    assert choice_param(None, ["open"], "closed") == "closed"


def test_a_text_is_stripped_and_cut():
    assert text_param("  đề nghị  ", 100) == "đề nghị"
    assert text_param("a" * 500, 100) == "a" * 100
    assert text_param(None, 100) == ""
