"""argparse's own words (``usage:``, the option groups, its error messages) in the user's language.

argparse asks ``gettext`` for every text of its own through the module globals ``argparse._`` and
``argparse.ngettext``. :func:`install` points them at :mod:`cnnviz.core.i18n` (the messages are marked
here, under this module), and back at ``gettext`` for English. The ``PROG: error: MESSAGE`` line stays as
argparse writes it: ``cnnviz: error: `` is a contract that scripts and tests read; only MESSAGE is
translated. :class:`HelpFormatter` wraps help that holds Chinese by its width on a terminal (a Chinese
character takes two columns) and leaves English help exactly as argparse wraps it.
"""

from __future__ import annotations

import argparse
import gettext
import re
import unicodedata

from ..core.i18n import marker, translate

__all__ = ["HelpFormatter", "install"]

N_ = marker(__name__)

#: argparse's messages that a person meets (its programming errors, raised while building a parser, are not here)
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("subcommands"),
    N_("%(heading)s:"),
    N_(" (default: %(default)s)"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument '%(argument_name)s' is deprecated"),
    N_("option '%(option)s' is deprecated"),
    N_("command '%(parser_name)s' is deprecated"),
)
_MARKED = frozenset(MESSAGES)


def _gettext(message):
    """argparse's ``_``: a marked message in the current language; anything else (the ``error:`` line) as it is."""
    if isinstance(message, str) and message in _MARKED:
        return translate(__name__, message)
    return message


def _ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: English picks the form by ``n``; that form is then translated."""
    return _gettext(singular if n == 1 else plural)


def install(language: str) -> None:
    """Let argparse speak ``language`` (``"en"``: argparse's own gettext, as without cnnviz)."""
    if language == "en":
        argparse._ = gettext.gettext
        argparse.ngettext = gettext.ngettext
    else:
        argparse._ = _gettext
        argparse.ngettext = _ngettext


_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
#: one wide character, or a run of other non-space characters (a word, a flag name), or spaces
_TOKEN = re.compile(_WIDE.pattern + r"|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                    r"\uff00-\uff60\uffe0-\uffe6]+|\s+")
#: what never begins a line (it stays on the line before)
_CLOSING = frozenset("，。、；：！？）」』》〉")
#: what never ends a line (it goes down to the next)
_OPENING = frozenset("（「『《〈")


def display_width(text: str) -> int:
    """The columns ``text`` takes on a terminal (a Chinese character two, others one)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_wide(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between Chinese characters or at spaces; a closing
    mark (，。）...) never begins a line (after a word it hangs past ``width``) and an opening
    one (（「...) never ends one."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            line += " " if line else ""
            continue
        fits = display_width(line) + display_width(token) <= width
        hangs = token in _CLOSING and (not _WIDE.match(line[-1]) or line[-1] in _CLOSING)  # after a word or a mark
        if not line or fits or hangs:
            line += token
            continue
        carried = ""
        if token[0] in _CLOSING:  # the character before goes down with it
            line, carried = line[:-1], line[-1]
        while line and line[-1] in _OPENING:  # an opening bracket goes down with what it opens
            line, carried = line[:-1], line[-1] + carried
        if line.strip():
            lines.append(line.rstrip())
        line = carried + token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, wrapping text that holds Chinese by its width on the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if _WIDE.search(text):
            return wrap_wide(text, width)
        return super()._split_lines(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if _WIDE.search(text):
            return "\n".join(indent + line for line in wrap_wide(text, width - len(indent)))
        return super()._fill_text(text, width, indent)


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (a table's column, Chinese or not; never cut)."""
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal columns (never cut)."""
    return " " * max(0, width - display_width(text)) + text
