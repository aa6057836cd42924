import pytest

from marketplace.accounts import credit_code

# Published example codes (structure per GB 32100-2015) and codes built here.
VALID = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes(code):
    assert credit_code.problem(code) is None


def test_check_character_is_computed_from_the_first_17():
    first17 = "91330100MA27XXX1K"
    check = credit_code.check_character(first17)
    assert credit_code.is_valid(first17 + check)
    wrong = next(c for c in credit_code.CHARSET if c != check)
    assert credit_code.problem(first17 + wrong) == "check"


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("9135010", "length"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y43X", "length"),
        ("91350100M0001O0Y43", "charset"),  # letter O is not in the charset
        ("91350100M000100Y44", "check"),
    ],
)
def test_invalid_codes(code, problem):
    assert credit_code.problem(code) == problem


def test_lowercase_and_spaces_are_normalised():
    assert credit_code.is_valid(" 91350100m000100y43 ")
