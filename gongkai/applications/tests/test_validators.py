"""What an applicant's identity document, telephone and postcode must look like
(finding 9 of issue 12: an ID number "123", a phone "abc", a postcode "12" were
accepted)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications import validators as v
from gongkai.catalog.privacy import id_check_char

born = st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31))
regions = st.integers(min_value=110000, max_value=829999).map(str)
serials = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")


def resident_id(region: str, day: date, serial: str) -> str:
    first17 = f"{region}{day:%Y%m%d}{serial}"
    return first17 + id_check_char(first17)


@given(regions, born, serials)
def test_every_id_number_with_its_check_character_is_accepted(region, day, serial):
    number = resident_id(region, day, serial)
    assert v.resident_id_problem(number) == ""
    assert v.resident_id_problem(number.lower()) == ""


@given(regions, born, serials, st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_refused(region, day, serial, wrong):
    number = resident_id(region, day, serial)
    if wrong != number[-1]:
        assert (
            v.resident_id_problem(number[:-1] + wrong)
            == "身份证号码的校验位不正确，请核对。"
        )


@given(
    regions,
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    serials,
)
def test_an_old_fifteen_digit_number_is_accepted_by_its_date(region, day, serial):
    assert v.resident_id_problem(f"{region}{day:%y%m%d}{serial}") == ""


@pytest.mark.parametrize(
    "number",
    [
        "123",
        "",
        "11010119900101123",  # 17 characters
        "110101199013011235",  # month 13
        "110101199002301233",  # 30 February
        "910101199001011232",  # no region begins with 9
        "110101900230123",  # 15 digits, 30 February
        "11010119900101123²",  # a superscript two is no digit
        "１１０１０１１９９００１０１１２３７",  # full-width
        "11010119900101123\x00",
    ],
)
def test_what_is_not_an_id_number_is_refused(number):
    assert v.resident_id_problem(number)


def credit_code(first17: str) -> str:
    return first17 + v.credit_check_char(first17)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_a_credit_code_is_checked_by_its_check_character(first17):
    code = credit_code(first17)
    assert v.credit_code_problem(code) == ""
    other = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != code[-1])
    assert v.credit_code_problem(code[:-1] + other)


def test_a_known_credit_code_passes():
    """A real 统一社会信用代码 (the State Council's General Office)."""
    assert v.credit_code_problem("11100000000013127D") == ""


@given(
    st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9)
)
def test_every_mainland_mobile_number_is_accepted(second, rest):
    number = f"1{second}{rest}"
    assert v.phone_problem(number) == ""
    assert v.phone_problem(f"+86 {number}") == ""


@pytest.mark.parametrize(
    "phone",
    [
        "010-12345678",
        "0539-7200966",
        "05397200966",
        "(0539)7200966",
        "010-12345678-123",
        "010-12345678转123",
        "+1-2025550143",
    ],
)
def test_landlines_with_an_area_code_are_accepted(phone):
    assert v.phone_problem(phone) == ""


@pytest.mark.parametrize(
    "phone",
    [
        "abc",
        "",
        "123",
        "12345678901",
        "1380000000",
        "138000000001",
        "7200966",
        "138000000０0",
        "13８00000000",
        "²3800000000",
        "13800000000\x00",
    ],
)
def test_what_is_not_a_telephone_number_is_refused(phone):
    assert v.phone_problem(phone).startswith("请填写有效的电话号码")


@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_six_digits_are_a_postcode(code):
    assert v.postcode_problem(code) == ""


@given(
    st.text(max_size=12).filter(
        lambda t: (
            not (len(t.strip()) == 6 and t.strip().isascii() and t.strip().isdigit())
        )
    )
)
def test_anything_else_is_not_a_postcode(text):
    assert v.postcode_problem(text) == "邮政编码应为6位数字。"


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("passport", "E12345678", True),
        ("passport", "123", False),
        ("other", "A1234567", True),
        ("other", "12", False),
        ("credit_code", "123", False),
        ("resident_id", "123", False),
    ],
)
def test_the_number_is_checked_by_the_kind_of_document(kind, number, ok):
    assert (v.id_number_problem(kind, number) == "") is ok
