"""Mexican personal and tax identifiers: CURP and RFC, checked by shape and check digit.

Each checker returns ``None`` when the value is acceptable, else one translated sentence. Both accept the
dashes and spaces people paste ("GODE-561231-GR8") and are stored compact. An RFC whose check character
does not match is a warning (``rfc_warning``), not a refusal: about 1.5 % of the RFCs SAT has issued
have one (python-stdnum documents it); a homoclave SAT never issues (starting 0, W, X, Y or Z) is
refused. A CURP whose first four letters form a word RENAPO never issues (python-stdnum's list) is refused.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

from advisor_app.i18n import _

# RENAPO's alphabet for the CURP check digit: the position in this string is the value.
_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_CURP_SHAPE = re.compile(r"^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$")

# SAT's alphabet for the RFC check digit (the space pads a 12-character company RFC).
_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
_RFC_SHAPE = re.compile(r"^([A-ZÑ&]{3,4})(\d{6})([A-Z\d]{2})([A\d])$")


_CURP_VALUES = {char: value for value, char in enumerate(_CURP_ALPHABET)}
_CURP_WEIGHTS = range(18, 1, -1)


def curp_check_digit(first17: str) -> str:
    total = sum(map(int.__mul__, map(_CURP_VALUES.__getitem__, first17), _CURP_WEIGHTS))
    return str((10 - total % 10) % 10)


def _birth_date(yymmdd: str, century_marker: str | None = None) -> dt.date | None:
    """Dates in CURP/RFC are YYMMDD; the CURP's 17th character is a digit for 1900s, a letter after 2000."""
    year = int(yymmdd[:2])
    if century_marker is not None:
        year += 1900 if century_marker.isdigit() else 2000
    else:
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    try:
        return dt.date(year, int(yymmdd[2:4]), int(yymmdd[4:6]))
    except ValueError:
        return None


def curp_birth_date(curp: str) -> dt.date | None:
    return _birth_date(curp[4:10], curp[16])


def compact(value: str) -> str:
    """"gode-561231 gr8" → "GODE561231GR8": without the dashes, spaces and underscores people paste.
    A key already written compact (every one a bundle brings) skips python-stdnum's character walk."""
    if value.__class__ is str and value.isascii() and value.isalnum():
        return value.upper()
    return stdnum_rfc.compact(value or "")


def offensive(first_four: str) -> bool:
    """RENAPO and SAT replace a letter of a first four that spells an offensive word; one that still
    does is not a real key."""
    return first_four in stdnum_curp._name_blacklist


def check_curp(value: str, state_codes: set[str]) -> str | None:
    curp = compact(value)
    if len(curp) != 18:
        return _("A CURP has 18 characters; this one has {count}.").format(count=len(curp))
    if not _CURP_SHAPE.match(curp):
        return _("This CURP does not have the right shape (4 letters, 6 digits, H/M/X, 5 letters, 2 characters).")
    if offensive(curp[:4]):
        return _("A CURP never starts with {letters}: RENAPO replaces a letter of such a word with an X. Check "
                 "it for a typing mistake.").format(letters=curp[:4])
    if curp[11:13] not in state_codes:
        return _("The birth state code {code} in this CURP is not a Mexican state nor NE (born abroad).").format(
            code=curp[11:13]
        )
    if curp_birth_date(curp) is None:
        return _("The birth date in this CURP ({digits}) is not a real date.").format(digits=curp[4:10])
    if curp_check_digit(curp[:17]) != curp[17]:
        return _("The last digit of this CURP does not match the rest: check it for a typing mistake.")
    return None


def rfc_check_digit(body: str) -> str:
    padded = body.rjust(12)
    total = sum(_RFC_ALPHABET.index(char) * (13 - position) for position, char in enumerate(padded))
    digit = 11 - total % 11
    return {11: "0", 10: "A"}.get(digit, str(digit))


def check_rfc(value: str) -> str | None:
    """Individuals have 13 characters, companies and cooperatives 12. A check character that does not
    match is not refused here: ``rfc_warning`` says it."""
    rfc = compact(value)
    if len(rfc) not in (12, 13):
        return _("An RFC has 13 characters for a person or 12 for a company; this one has {count}.").format(
            count=len(rfc)
        )
    match = _RFC_SHAPE.match(rfc)
    if not match or len(match.group(1)) != len(rfc) - 9:
        return _("This RFC does not have the right shape (3 or 4 letters, 6 digits, 3 characters).")
    if _birth_date(match.group(2)) is None:
        return _("The date in this RFC ({digits}) is not a real date.").format(digits=match.group(2))
    if match.group(3)[0] in "0WXYZ":
        return _("The homoclave of this RFC ({homoclave}) starts with {letter}, which SAT never issues: check it for "
                 "a typing mistake.").format(homoclave=rfc[-3:], letter=match.group(3)[0])
    if len(match.group(1)) == 4 and offensive(match.group(1)):
        return _("An RFC never starts with {letters}: SAT replaces a letter of such a word with an X. Check it for a "
                 "typing mistake.").format(letters=match.group(1))
    return None


def rfc_warning(value: str) -> str | None:
    """A warning for an RFC whose last character does not match the rest; ``None`` when it matches or the
    RFC is refused for another reason (which ``check_rfc`` says)."""
    rfc = compact(value)
    if not rfc or check_rfc(rfc) is not None or rfc_check_digit(rfc[:-1]) == rfc[-1]:
        return None
    return _("The last character of this RFC does not match the rest. SAT has issued some RFCs like this, so it "
             "is kept; compare it with the person's tax certificate (constancia de situación fiscal).")
