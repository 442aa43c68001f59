"""The recovery key: the data key written for people, so a typo is found and named, not taken as wrong.

256 bits in Crockford's base32 (no I, L, O or U to misread) make 52 characters, cut into 13 groups of
four; each group gets a fifth, check character computed from the group and its place, so a mistyped
or swapped group is named ("group 7 has a typo") instead of being tried as a key. The check is a sum
of the characters' values with odd weights, modulo 32: every odd number is invertible modulo 32, so
any one wrong character in a group always changes it. Lower case,
spaces, dashes, and the letters people confuse with digits (O for 0, I and L for 1) are accepted.
"""

from __future__ import annotations

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 13, 4
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1"})


class RecoveryKeyTypo(StoreError):
    """The recovery key is not well formed; the sentence names where."""


_WEIGHTS = (1, 3, 5, 7)


def _check_character(index: int, group: str) -> str:
    total = sum(weight * ALPHABET.index(character) for weight, character in zip(_WEIGHTS, group))
    return ALPHABET[(total + 9 * index + 17) % 32]


def encode_recovery_key(key: bytes) -> str:
    """``key`` (32 bytes) as 13 groups of five characters separated by dashes."""
    number = int.from_bytes(key, "big")
    characters = "".join(ALPHABET[(number >> (5 * position)) & 31] for position in reversed(range(GROUPS * GROUP_LENGTH)))
    groups = [characters[index * GROUP_LENGTH:(index + 1) * GROUP_LENGTH] for index in range(GROUPS)]
    return "-".join(group + _check_character(index, group) for index, group in enumerate(groups))


def decode_recovery_key(text: str) -> bytes:
    """The 32-byte key, or ``RecoveryKeyTypo`` naming the first group that is wrong."""
    cleaned = "".join(character for character in text.upper() if not character.isspace() and character != "-")
    cleaned = cleaned.translate(_CONFUSED)
    foreign = sorted({character for character in cleaned if character not in ALPHABET})
    if foreign:
        raise RecoveryKeyTypo(_("A recovery key has only digits and letters; these characters are not part of "
                                "it: {characters}").format(characters=" ".join(foreign)))
    width = GROUP_LENGTH + 1
    if len(cleaned) != GROUPS * width:
        raise RecoveryKeyTypo(_("A recovery key has {groups} groups of {length} characters; this one has {count} "
                                "characters.").format(groups=GROUPS, length=width, count=len(cleaned)))
    data = []
    for index in range(GROUPS):
        chunk = cleaned[index * width:(index + 1) * width]
        group, check = chunk[:GROUP_LENGTH], chunk[GROUP_LENGTH]
        if _check_character(index, group) != check:
            raise RecoveryKeyTypo(_("Group {number} of the recovery key ({group}) has a typo.").format(
                number=index + 1, group=chunk))
        data.append(group)
    number = 0
    for character in "".join(data):
        number = number * 32 + ALPHABET.index(character)
    if number >> 256:
        raise RecoveryKeyTypo(_("Group 1 of the recovery key ({group}) has a typo.").format(group=cleaned[:width]))
    return number.to_bytes(32, "big")
