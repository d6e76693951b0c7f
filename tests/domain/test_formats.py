import pytest

from skp_domain.errors import DomainError
from skp_domain.formats import DEFAULT_FORMAT, SkpFormat, parse_format


@pytest.mark.parametrize("text", ["6/2022", "6-2022", "PermenPANRB 6/2022", "permenpanrb-6-2022", " 6 / 2022 "])
def test_6_2022(text: str) -> None:
    assert parse_format(text) is SkpFormat.PERMENPANRB_6_2022 is DEFAULT_FORMAT


@pytest.mark.parametrize("text", ["8/2021", "PermenPANRB 8/2021", "permenpanrb-8-2021"])
def test_8_2021(text: str) -> None:
    assert parse_format(text) is SkpFormat.PERMENPANRB_8_2021
    assert parse_format(text).short == "8/2021"


@pytest.mark.parametrize("text", ["", "2022", "7/2022", "abc"])
def test_unknown(text: str) -> None:
    with pytest.raises(DomainError, match="6/2022 atau 8/2021"):
        parse_format(text)
