"""The recovery key: what is printed decodes to the key, and a typo is named, not taken as wrong."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_app.store.recovery_key import ALPHABET, RecoveryKeyTypo, decode_recovery_key, encode_recovery_key

KEY = bytes(range(32))


@given(st.binary(min_size=32, max_size=32))
def test_what_is_printed_decodes_to_the_key(key):
    text = encode_recovery_key(key)
    assert len(text.split("-")) == 13 and all(len(group) == 5 for group in text.split("-"))
    assert decode_recovery_key(text) == key


def test_typed_loosely_it_still_decodes():
    text = encode_recovery_key(KEY)
    loose = text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert decode_recovery_key(f"  {loose}\n") == KEY


def test_every_single_wrong_character_is_named_by_its_group():
    text = encode_recovery_key(KEY).replace("-", "")
    for position, original in enumerate(text):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            typed = text[:position] + replacement + text[position + 1:]
            with pytest.raises(RecoveryKeyTypo, match=f"Group {position // 5 + 1} "):
                decode_recovery_key(typed)


def test_two_groups_swapped_are_named():
    groups = encode_recovery_key(KEY).split("-")
    groups[3], groups[4] = groups[4], groups[3]
    with pytest.raises(RecoveryKeyTypo, match="Group 4 "):
        decode_recovery_key("-".join(groups))


@pytest.mark.parametrize("typed, sentence", [
    ("", "13 groups of 5 characters; this one has 0"),
    ("ABCDE-FGHJK", "this one has 10 characters"),
    ("U" * 65, "not part of it: U$"),
    ("passphrase!", "not part of it: !$"),
])
def test_not_a_recovery_key_at_all(typed, sentence, english):
    with pytest.raises(RecoveryKeyTypo, match=sentence):
        decode_recovery_key(typed)
