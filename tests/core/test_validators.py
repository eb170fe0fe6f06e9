import pytest
from django.core.exceptions import ValidationError

from resultaat.core.validators import bsn_is_valid, iban_is_valid, validate_bsn
from tests.factories import valid_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999993653"])
def test_bsn_that_passes_the_elfproef_is_accepted(bsn):
    assert bsn_is_valid(bsn)
    validate_bsn(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000"])
def test_bsn_failing_the_elfproef_gets_a_dutch_message(bsn):
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)
    assert "elfproef" in excinfo.value.messages[0]


@pytest.mark.parametrize("bsn", ["12345678", "1234567890", "12345678a", ""])
def test_bsn_of_the_wrong_shape_is_refused(bsn):
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)
    assert "9 cijfers" in excinfo.value.messages[0]


def test_generated_test_bsns_pass_the_elfproef():
    assert all(bsn_is_valid(valid_bsn()) for _ in range(50))


def test_iban_check_digits():
    assert iban_is_valid("NL91ABNA0417164300")
    assert iban_is_valid("NL91 ABNA 0417 1643 00")
    assert not iban_is_valid("NL92ABNA0417164300")
    assert not iban_is_valid("NL91ABNA041716430")
