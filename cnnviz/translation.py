"""Which language cnnviz speaks, and Qt's translator behind :mod:`cnnviz.core.i18n`.

The language is, in order: ``--lang``, the environment variable ``CNNVIZ_LANG``, the app's setting (View >
Language), the system's (``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``, as :class:`QLocale` reads them). Any Chinese
locale (``zh_CN``, ``zh_SG``, ``zh``, ``zh_TW`` too: Simplified is what there is) gives ``zh_CN``; anything else
English. The texts come from ``resources/translations/cnnviz_<language>.qm``, compiled from the ``.ts`` sources
beside it (:mod:`cnnviz.translation_files`); Qt's own dialogs (buttons of message boxes, file dialogs) from Qt's
``qtbase_<language>.qm`` when a QApplication exists.

Only QtCore is imported: the command line translates its help without a QApplication.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .core import i18n
from .core.i18n import translator
from .core.resources import resources_dir

ENV = "CNNVIZ_LANG"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each named in its own language (the Language menu)
SYSTEM = "system"

tr = translator(__name__)
_installed: list[QTranslator] = []  # kept alive while installed (QCoreApplication holds no reference)


def translations_dir() -> Path:
    """``resources/translations``: the ``.ts`` sources (one folder per language) and the compiled ``.qm``."""
    return resources_dir() / "translations"


def qm_path(language: str) -> Path:
    return translations_dir() / f"cnnviz_{language}.qm"


def normalise(code: str | None) -> str | None:
    """``"zh_CN.UTF-8"``, ``"zh-cn"``, ``"zh"`` -> ``"zh_CN"``; ``"en_US"``, ``"C"`` -> ``"en"``; None or ``"system"``
    -> None (ask the next source); anything else -> None."""
    if not code:
        return None
    text = code.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not text or text.lower() == SYSTEM:
        return None
    if text.lower().startswith("zh"):
        return "zh_CN"
    if text.lower() in ("c", "posix") or text.lower().startswith("en"):
        return "en"
    return None


def system_language() -> str:
    """The system's language as cnnviz has it: ``"zh_CN"`` for a Chinese locale, otherwise ``"en"``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):  # the order POSIX gives them
        value = os.environ.get(variable)
        if value:
            return normalise(value) or "en"
    names = QLocale.system().uiLanguages()
    return normalise(names[0]) if names and normalise(names[0]) else "en"


def choose_language(flag: str | None = None, setting: str | None = None) -> str:
    """The language to speak: ``flag`` (``--lang``), else ``CNNVIZ_LANG``, else ``setting``, else the system's.

    Raises
    ------
    ValueError
        ``flag`` names a language cnnviz does not have (the app and the CLI say so in one line).
    """
    if flag is not None and flag.strip().lower() != SYSTEM:
        language = normalise(flag)
        if language is None:
            shown = flag if len(flag) <= 40 else flag[:37] + "..."
            raise ValueError(tr("unknown language '{name}'; the languages are: {names}").format(
                name=shown, names=", ".join(LANGUAGES)))
        return language
    for value in (os.environ.get(ENV), setting if isinstance(setting, str) else None):
        language = normalise(value)
        if language is not None:
            return language
    return system_language()


def install(language: str) -> bool:
    """Speak ``language`` from now on (:func:`cnnviz.core.i18n.translate` and, with a QApplication, Qt's own
    dialogs); ``"en"`` removes the translators. False when that language's file is missing or unreadable (English is
    spoken then)."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    i18n.set_backend(None)
    if language == "en":
        return True
    ours = QTranslator()
    if not ours.load(str(qm_path(language))):
        return False
    _installed.append(ours)
    i18n.set_backend(ours.translate, language)
    qt_own = QTranslator()
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt_own)
    if app is not None:
        for loaded in _installed:
            app.installTranslator(loaded)
    return True


def install_for_cli() -> str:
    """Install the language for the command line (``CNNVIZ_LANG``, else the system's); returns it."""
    language = choose_language()
    return language if install(language) else "en"
