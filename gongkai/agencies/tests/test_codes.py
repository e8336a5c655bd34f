import pytest

from gongkai.agencies.codes import credit_code_check_char, is_valid_credit_code


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example printed with GB 32100-2015
        "91110000802100433B",
        "91440300708461136T",
        "91440300708461136t",  # lower case is the same code
    ],
)
def test_published_codes_are_valid(code):
    assert is_valid_credit_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000I00Y43",  # I is not in the alphabet
        "",
    ],
)
def test_malformed_codes_are_rejected(code):
    assert not is_valid_credit_code(code)


def test_check_character_completes_a_code():
    assert credit_code_check_char("91350100M000100Y4") == "3"
