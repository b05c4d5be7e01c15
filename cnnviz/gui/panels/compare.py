"""The Compare dock: A | B | difference for the selected layer, where B is another image through the same model,
or the same image through other weights (a weights file, or weights remembered before a training run).

A is the session's image through the model as it is now. The view picker draws the layer's feature maps,
a block's Inception branches or residual paths (offered when the layer is such a block), or Grad-CAM of A's
top class; the render worker makes the pictures (:func:`cnnviz.gui.compare_jobs.compute_compare`) under the
model's lock, and only while the dock is in front. Other weights are loaded into a deep copy of the model,
never into the user's.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from ...core.capture.anatomy import block_of
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.inputs.images import IMAGE_SUFFIXES
from .. import compare_jobs as cj
from ..jobs import is_spatial
from ..session import AUTO_CMAP
from ..widgets import plain_label, rich_label
from .base import Panel
from .compare_grid import CompareGrid

tr = translator(__name__)
N_ = marker(__name__)

NO_IMAGE = N_("Drop an image to compare it with another image, or with itself under other weights")
ASK = {"image": N_("Choose B: an image file (Browse\u2026, type its path, or Next image)"),
       "file": N_("Choose B: a weights file (.safetensors, .pt, .pth) for this model"),
       "snapshot": N_("Press Remember these weights, change the weights (train), then compare")}
FILTERS = {"image": N_("Images ({patterns})"), "file": N_("Weights ({patterns})")}  # shown as tr(...).format(...)
PATTERNS = {"image": " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES)), "file": "*.safetensors *.pt *.pth *.bin"}


class ComparePanel(Panel):
    """A, B and their difference, side by side, for the selected layer."""

    title = N_("Compare")
    name = "compare_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 700

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.kind = "image"  # what B is: a key of compare_jobs.SOURCES
        self.paths: dict[str, Path | None] = {"image": None, "file": None}
        self.snapshot: cj.Snapshot | None = None
        self.wanted_view = "maps"  # the user's choice; "maps" stands in while the layer is no such block
        self.view = "maps"
        self.result: cj.CompareResult | None = None
        self.requests = 0  # comparisons asked of the worker (tests: none while behind a tab)
        self._cache = cj.Cache()
        self._wanted: tuple | None = None
        self._serial = 0  # captures seen
        self._again = 0  # "compute again" presses
        self._model = session.model
        self._cleared = ""  # why the remembered weights are gone, if they are
        self._build_form()
        self.header = rich_label(wrap=True)
        self.pictures = CompareGrid()
        self.note = plain_label(wrap=True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.problem = plain_label(wrap=True)
        self.problem.hide()
        self._lay_out()
        session.capture_changed.connect(self._on_capture)
        session.model_changed.connect(self._on_model)
        session.layer_selected.connect(lambda _key: self.refresh())
        session.cmap_changed.connect(self.refresh)
        session.view_changed.connect(self._on_view)
        self.show_message(tr(NO_IMAGE))

    def _build_form(self) -> None:
        self.source_combo = QComboBox()
        for kind, text in cj.SOURCES.items():
            self.source_combo.addItem(tr(text), kind)
        self.source_combo.activated.connect(lambda i: self.set_source(self.source_combo.itemData(i)))
        self.path_edit = QLineEdit()
        self.path_edit.returnPressed.connect(self._on_path_typed)
        self.browse = QPushButton(tr("Browse\u2026"))
        self.browse.clicked.connect(self._browse)
        self.next_button = QPushButton(tr("Next image"))
        self.next_button.setToolTip(tr("B is the next image of the input strip"))
        self.next_button.clicked.connect(self.next_image)
        self.remember_button = QPushButton(tr("Remember these weights"))
        self.remember_button.setToolTip(tr("Copy the weights now, to compare with them after training"))
        self.remember_button.clicked.connect(self.remember)
        self.view_combo = QComboBox()
        for view, text in cj.VIEWS.items():
            self.view_combo.addItem(tr(text), view)
        self.view_combo.activated.connect(lambda i: self.set_view(self.view_combo.itemData(i)))
        self.again_button = QPushButton(tr("Compute again"))
        self.again_button.setToolTip(tr("Compare again with the weights as they are now"))
        self.again_button.clicked.connect(self.recompute)
        self._sync_form()

    def _lay_out(self) -> None:
        first, second, third = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()  # rows narrow enough for a laptop
        first.addWidget(plain_label(tr("B is")))
        first.addWidget(self.source_combo)
        first.addWidget(self.path_edit, 1)
        first.addWidget(self.browse)
        first.addStretch(0)  # takes the room of the path field where B is no file
        for widget in (self.next_button, self.remember_button):
            second.addWidget(widget)
        second.addStretch(1)
        third.addWidget(plain_label(tr("View")))
        third.addWidget(self.view_combo)
        third.addWidget(self.again_button)
        third.addStretch(1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(third)
        layout.addWidget(self.header)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.pictures, 1)

    # ------------------------------------------------------------------ what B is

    def source(self) -> cj.Source:
        """What B is now."""
        if self.kind == "snapshot":
            return cj.Source("snapshot", snapshot=self.snapshot)
        return cj.Source(self.kind, self.paths[self.kind])

    def set_source(self, kind: str) -> None:
        """B is another image (``"image"``), a weights file (``"file"``) or the remembered weights (``"snapshot"``)."""
        if kind not in cj.SOURCES:
            raise CnnvizError(tr("unknown B '{kind}'; choose one of: {kinds}").format(kind=kind,
                                                                                   kinds=", ".join(cj.SOURCES)))
        self.kind = kind
        self._sync_form()
        self.refresh()

    def set_b_image(self, path: str | Path) -> None:
        """B is the image file ``path`` (decoded and preprocessed as A is, so of A's size)."""
        self.paths["image"] = Path(path)
        self.set_source("image")

    def set_b_weights(self, path: str | Path) -> None:
        """B is A's image under the weights of ``path``, loaded into a copy of the model."""
        self.paths["file"] = Path(path)
        self.set_source("file")

    def next_image(self) -> None:
        """B is the image after B (or after A) in the session's list of images."""
        files, s = self.session.files, self.session
        others = [f for f in files if f != s.current_path()]
        if not others:
            self._show_problem(tr("The input strip has no other image: open several images, or choose B's file"))
            return
        now = self.paths["image"]
        after = files.index(now) if now in files else s.index
        ordered = files[after + 1:] + files[:after + 1]
        self.set_b_image(next(f for f in ordered if f != s.current_path()))

    def remember(self) -> None:
        """Copy the model's weights as they are now (in the render worker, under its lock); B becomes that copy."""
        if self.session.model is None:
            self._show_problem(tr("No model to remember the weights of"))
            return
        self.note.setText(tr("remembering the weights\u2026"))
        self.changed(self.note)
        self.session.request_view("compare_snapshot", cj.try_remember, self.session.model)

    def _on_path_typed(self) -> None:
        text = self.path_edit.text().strip()
        if text and self.kind in self.paths:
            self.paths[self.kind] = Path(text).expanduser()
            self._again += 1  # the same name again: read the file again
            self.refresh()

    def _browse(self) -> None:
        if self.kind not in self.paths:
            self.remember()
            return
        title = tr("B: an image") if self.kind == "image" else tr("B: a weights file for this model")
        path, _ = QFileDialog.getOpenFileName(self, title, str(self.paths[self.kind] or ""),
                                              tr(FILTERS[self.kind]).format(patterns=PATTERNS[self.kind]))
        if path:
            self.paths[self.kind] = Path(path)
            self._again += 1
            self._sync_form()
            self.refresh()

    def _sync_form(self) -> None:
        self.source_combo.setCurrentIndex(self.source_combo.findData(self.kind))
        path = self.paths.get(self.kind)
        self.path_edit.setVisible(self.kind in self.paths)
        self.browse.setVisible(self.kind in self.paths)
        self.path_edit.setText(str(path) if path is not None else "")
        self.path_edit.setPlaceholderText(tr("image file\u2026") if self.kind == "image" else tr("weights file\u2026"))
        self.next_button.setVisible(self.kind == "image")

    # ------------------------------------------------------------------ what to show

    def set_view(self, view: str) -> None:
        """Compare ``view``: a key of :data:`~cnnviz.gui.compare_jobs.VIEWS` (a block view where the layer is one)."""
        if view not in cj.VIEWS:
            raise CnnvizError(tr("unknown view '{view}'; choose one of: {views}").format(view=view,
                                                                                     views=", ".join(cj.VIEWS)))
        self.wanted_view = view
        self.refresh()

    def recompute(self) -> None:
        """Compare again (the weights may have changed since: a training run, an edit in place)."""
        self._again += 1
        self.refresh()

    def _offer_views(self) -> None:
        """Offer the block views only where the selected layer is (or lies in) such a block."""
        s = self.session
        blocks = s.result.capture.blocks if s.result is not None else []
        model = self.view_combo.model()
        for i in range(self.view_combo.count()):
            view = self.view_combo.itemData(i)
            ok = view not in ("inception", "residual") or block_of(blocks, s.layer, view) is not None
            model.item(i).setEnabled(ok)
        wanted_ok = model.item(self.view_combo.findData(self.wanted_view)).isEnabled()
        self.view = self.wanted_view if wanted_ok else "maps"
        self.view_combo.setCurrentIndex(self.view_combo.findData(self.view))

    def _on_capture(self) -> None:
        self._serial += 1
        self.refresh()

    def _on_model(self) -> None:
        model = self.session.model
        if model is self._model:
            return
        old, self._model = self._model, model
        self._cache = cj.Cache()
        if self.snapshot is not None and (model is None or not self.snapshot.belongs_to(model.loaded.module)):
            self.snapshot = None
            name = old.loaded.name if old is not None else tr("the previous model")
            self._cleared = tr("The model changed: the weights remembered from {name} were cleared. ").format(
                name=name)

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    def refresh(self) -> None:
        """Follow the session: a message, a line saying what is missing, or ask for the comparison."""
        s = self.session
        if s.result is None or s.model is None:
            if s.result is None:
                self.result = None
                self.show_message(tr(NO_IMAGE))
            return
        if s.result.model is not s.model:
            return  # the new model's capture is on its way
        self.show_body()
        self._offer_views()
        source = self.source()
        if (source.kind == "snapshot" and source.snapshot is None) or (source.kind != "snapshot" and source.path is None):
            cleared = self._cleared if source.kind == "snapshot" else ""
            self._show_problem(f"{cleared}{tr(ASK[source.kind])}")
            return
        act = s.activation()
        if self.view in ("maps", "attribution") and not is_spatial(act):
            shape = tr("no tensor output") if act is None else \
                tr("shape {shape}").format(shape="\u00d7".join(map(str, act.shape[1:])))
            self._show_problem(tr("Select a layer with feature maps ({layer} gives {shape})").format(
                layer=s.layer or tr("no layer"), shape=shape))
            return
        if not self.in_front:
            return
        cmap = None if s.cmap == AUTO_CMAP else s.cmap
        ident = id(source.snapshot) if source.kind == "snapshot" else str(source.path)
        key = (self._serial, self._again, self.view, s.layer, source.kind, ident, cmap)
        if key == self._wanted:
            return
        self._wanted = key
        self.requests += 1
        self.note.setText(tr("comparing {what}\u2026").format(what=tr(cj.VIEWS[self.view])))
        self.changed(self.note)
        job = cj.CompareJob(key, self.view, s.layer, source, s.result.capture["input"], s.result.view, cmap,
                            self._cache)
        s.request_view("compare", cj.compute_compare, s.model, job)

    def _show_problem(self, text: str) -> None:
        self.result = None
        self._wanted = None
        self.header.setText("")
        self.problem.setText(text)
        self.problem.show()
        self.note.setText("")
        self.pictures.set_titles("", "", "")
        self.changed(self.header, self.problem, self.note, *self.pictures.set_rows([]))

    # ------------------------------------------------------------------ what came back

    def _on_view(self, kind: str) -> None:
        result = self.session.views.get(kind)
        if kind == "compare_snapshot":
            if isinstance(result, cj.Snapshot):
                self.snapshot, self._cleared = result, ""
                self.set_source("snapshot")
            elif isinstance(result, str):
                self._show_problem(result)
            return
        if kind != "compare" or getattr(result, "key", None) != self._wanted:
            return
        if isinstance(result, cj.CompareProblem):
            wanted = self._wanted
            self._show_problem(result.message)
            self._wanted = wanted  # the same choices would fail again: asked for again only when one changes
        elif isinstance(result, cj.CompareResult):
            self._cache = result.cache
            self._paint(result)

    def _a_title(self, weights: bool) -> str:
        request = self.session.result.request
        name = request.path.name if request.path is not None else request.label
        return f"A: {name}" + (tr(", weights now") if weights else "")

    def _paint(self, result: cj.CompareResult) -> None:
        self.result = result
        self.show_body()
        source = self.source()
        self.problem.setText("")
        self.problem.hide()
        self.header.setText(f"<b>{escape(result.title, quote=False)}</b>")
        self.pictures.set_titles(self._a_title(source.weights), source.label(), tr("difference A \u2212 B"),
                                 result.numbers())
        single = len(result.rows) == 1
        rows = [("" if single else r.label, r.a, r.b, r.diff.image) for r in result.rows]
        self.note.setText(result.note)
        self.changed(self.header, self.problem, self.note, *self.pictures.set_rows(rows))

    def shown_images(self) -> tuple | None:
        """The pictures on screen, ``(A, B, difference)`` per row (for tests)."""
        if self.result is None or self.message() is not None:
            return None
        return tuple((r.a, r.b, r.diff.image) for r in self.result.rows)
