"""The privacy scan finds real personal numbers in Chinese text and lets
look-alikes through (no database)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalog import privacy

REGIONS = ["110101", "522301", "371302", "440305", "650102"]


def id_number(region: str, born: date, serial: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + privacy.id_check_char(first17)


def with_wrong_check(number: str) -> str:
    wrong = next(c for c in "0123456789X" if c != number[-1])
    return number[:-1] + wrong


def luhn_complete(stem: str) -> str:
    return next(stem + d for d in "0123456789" if privacy.luhn_valid(stem + d))


def luhn_broken(stem: str) -> str:
    return next(stem + d for d in "0123456789" if not privacy.luhn_valid(stem + d))


ids = st.builds(
    id_number,
    st.sampled_from(REGIONS),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
)
mobiles = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.sampled_from("3456789"),
    st.integers(0, 10**9 - 1),
)
cards = st.builds(
    lambda prefix, body, length: luhn_complete((prefix + f"{body:018d}")[: length - 1]),
    st.sampled_from(["62", "4", "5", "35", "9"]),
    st.integers(0, 10**18 - 1),
    st.sampled_from([16, 17, 18, 19]),
)
chinese = st.text(
    alphabet="申请人张三联系电话地址贵州省兴义市，。：；身份证号码银行卡", max_size=20
)


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in privacy.scan(text)]


@given(number=ids, before=chinese, after=chinese)
def test_a_valid_id_number_is_found_inside_chinese_text(number, before, after):
    findings = privacy.scan(f"{before}身份证号{number}{after}")
    assert [f.kind for f in findings] == ["id_card"]
    assert findings[0].masked == number[:6] + "********" + number[-4:]


@given(number=ids)
def test_an_id_number_with_a_wrong_check_character_is_let_through(number):
    assert "id_card" not in kinds(f"身份证号{with_wrong_check(number)}。")


@given(number=mobiles, before=chinese)
def test_a_mobile_number_is_found_inside_chinese_text(number, before):
    findings = privacy.scan(f"{before}联系电话{number}，")
    assert [f.kind for f in findings] == ["mobile"]
    assert findings[0].masked == number[:3] + "****" + number[-4:]


@given(number=cards, before=chinese)
def test_a_bank_card_number_passing_luhn_is_found(number, before):
    assert kinds(f"{before}银行卡号{number}。") == ["bank_card"]


@given(number=cards)
def test_a_card_number_failing_luhn_is_let_through(number):
    broken = luhn_broken(number[:-1])
    assert "bank_card" not in kinds(f"银行卡号{broken}。")


@pytest.mark.parametrize(
    "text",
    [
        "电话12345678901",  # 12 is no mobile prefix
        "电话1381234567",  # ten digits
        "编号138123456789",  # twelve digits: not a phone number
        "统一社会信用代码11520000000000001X",
        "文号黔府发〔2019〕3号，2019年6月1日",
        "金额 2019 2020 2021 2022 万元",  # years, not a card
        "身份证号522301199002301234",  # 30 February
    ],
)
def test_look_alikes_are_let_through(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("电话：+86 138-1234-5678。", "mobile"),
        ("手机 138 1234 5678", "mobile"),
        ("卡号 6222 0212 3456 7890 128", "bank_card"),
        ("身份证号５２２３０１１９９００３０７１２３２", "id_card"),  # full-width
        ("身份证号52230119900307123x", None),  # lower-case x, wrong check
    ],
)
def test_written_forms(text, kind):
    assert kinds(text) == ([kind] if kind else [])


def test_an_id_number_that_happens_to_pass_luhn_is_reported_once_as_an_id():
    numbers = (id_number("522301", date(1990, 3, 7), serial) for serial in range(99))
    number = next(n for n in numbers if n.isdigit() and privacy.luhn_valid(n))
    assert kinds(number) == ["id_card"]


def test_an_administrators_pattern_is_found_and_starred():
    patterns = [privacy.Pattern("职工编号", r"ZG\d{6}")]
    findings = privacy.scan("经办人职工编号ZG123456。", patterns)
    assert [(f.label, f.masked) for f in findings] == [("职工编号", "********")]


def test_redact_masks_every_finding_and_keeps_the_rest():
    number = id_number("522301", date(1990, 3, 7), 123)
    text = f"张三（身份证号{number}，电话13812345678）申请公开。"
    assert privacy.redact(text) == (
        "张三（身份证号522301********1232，电话138****5678）申请公开。"
    )


def test_the_check_character_follows_gb_11643():
    # The standard's worked example: 11010519491231002X.
    assert privacy.id_check_char("11010519491231002") == "X"
    assert privacy.is_valid_id_number("11010519491231002X")
    assert privacy.is_valid_id_number("11010519491231002x")
