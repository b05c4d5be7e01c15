"""What cnnviz says, in the user's language: every string a person reads passes through here.

Qt-free. A module marks its strings with a translator made for it, whose context is the module's name::

    from ..core.i18n import marker, translator

    tr = translator(__name__)   # tr("Open images…") -> the text in the user's language, now
    N_ = marker(__name__)       # N_("Feature maps") -> marked here, translated where shown: tr(text)

Only string literals can be translated (``tr("Loaded {name}").format(name=n)``, never ``tr(f"...")``):
:mod:`cnnviz.translation_files` finds the calls, keeps the ``.ts`` sources under
``resources/translations/`` and compiles them to the ``.qm`` that Qt's :class:`QTranslator` reads. The app
and the command line install that translator here (:func:`set_backend`, done by :mod:`cnnviz.translation`);
until then, and for a text without a translation, the English text is returned as it is.
"""

from __future__ import annotations

from typing import Callable

Backend = Callable[[str, str], str]

_backend: Backend | None = None
_language = "en"


class Text(str):
    """A string marked for translation where it is defined (a class attribute, a table of labels) and
    translated where it is shown: any module's ``tr(text)`` looks it up under the defining module."""

    context: str

    def __new__(cls, text: str, context: str) -> "Text":
        obj = super().__new__(cls, text)
        obj.context = context
        return obj

    def __reduce__(self):  # pickles (workers, multiprocessing) keep the context
        return (Text, (str(self), self.context))


def translate(context: str, text: str) -> str:
    """``text`` (marked in module ``context``) in the current language; ``text`` itself without a translation."""
    if _backend is None or not text:
        return str(text)
    return _backend(context, str(text)) or str(text)


def translator(context: str) -> Callable[[str], str]:
    """The ``tr`` of module ``context``: ``tr(text)`` translates a literal marked there, or a :class:`Text`
    marked anywhere (under its own module)."""

    def tr(text: str) -> str:
        if isinstance(text, Text):
            return translate(text.context, text)
        return translate(context, text)

    return tr


def marker(context: str) -> Callable[[str], Text]:
    """The ``N_`` of module ``context``: marks a literal for translation later (``tr(N_("..."))``)."""

    def mark(text: str) -> Text:
        return Text(text, context)

    return mark


def set_backend(backend: Backend | None, language: str = "en") -> None:
    """Translate through ``backend(context, text)`` (an empty result means: no translation); None: English."""
    global _backend, _language
    _backend = backend
    _language = language if backend is not None else "en"


def current_language() -> str:
    """The language texts are translated into: ``"en"`` or a code such as ``"zh_CN"``."""
    return _language
