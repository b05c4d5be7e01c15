"""The page of the lesson "Why 1x1 convolutions": the course's two examples counted from modules, a slider for
the width of the 1x1 reduction before the paper's 5x5 (its cost, and the branch's maps at that width beside the
unreduced ones), and the paper's inception 3a beside torchvision's, whose third branch is really 3x3.

The tensor work runs in the render worker (:func:`~cnnviz.gui.lessons.why_1x1_view.compute` through
``session.request_view``); a moved slider asks again after a short pause and the newest request wins.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSlider, QVBoxLayout

from ...core.i18n import translator
from ...core.lessons.inception_costs import BlockCost, BranchCost, Op
from ...core.lessons.why_1x1 import COURSE_REDUCTION, MAX_WIDTH
from ..mosaic_view import MosaicView
from ..widgets import plain_label, rich_label
from .page import ViewPage
from .why_1x1_view import LabCache, WidthJob, WidthView, compute

tr = translator(__name__)

KIND = "lesson:why-1x1"
DEBOUNCE_MS = 40


def _ops(ops: tuple[Op, ...], differs: set[int] = frozenset()) -> str:
    parts = []
    for i, op in enumerate(ops):
        size = "×".join(str(k) for k in op.kernel)
        text = (tr("{size} max-pool").format(size=size) if op.kind == "max-pool"
                else tr("{size} conv {cin}→{cout}").format(size=size, cin=op.in_channels, cout=op.out_channels))
        parts.append(f"<b>{html.escape(text)}</b>" if i in differs else html.escape(text))
    return ", ".join(parts)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


class Why1x1Page(ViewPage):
    """Drag the 1x1's width: the 5x5 branch's cost and its maps follow."""

    lesson = "why-1x1"

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self._serial = 0  # one more for every capture shown
        self._cache = LabCache()  # touched by the render worker only
        self.course_label = rich_label(wrap=True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(1, MAX_WIDTH)
        self.slider.setValue(COURSE_REDUCTION)
        self.slider.setPageStep(8)
        self.slider.setToolTip(tr("Channels of the 1×1 convolution in front of the 5×5"))
        self.width_value = QLabel()
        self.width_value.setMinimumWidth(36)
        self.branch_label = rich_label(wrap=True)
        self.maps = [MosaicView(tr("waiting for the maps…")) for _ in range(3)]
        self.map_titles = [plain_label(wrap=True) for _ in range(3)]
        self.change_label = rich_label(wrap=True)
        self.table_label = rich_label(wrap=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._lay_out()
        self.slider.valueChanged.connect(self._moved)
        self.session.capture_changed.connect(self._on_capture)
        self.session.view_changed.connect(self._on_view)
        self.session.cmap_changed.connect(self.refresh)
        self._show_width()

    def _lay_out(self) -> None:
        heading = QLabel(tr("Your own width"))
        heading.setStyleSheet("font-weight: bold;")
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("1×1 reduction width")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.width_value)
        pictures = QGridLayout()
        pictures.setHorizontalSpacing(6)
        for column in range(3):
            pictures.addWidget(self.map_titles[column], 0, column)
            pictures.addWidget(self.maps[column], 1, column)
            pictures.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.course_label)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.branch_label)
        layout.addLayout(pictures)
        layout.addWidget(self.change_label)
        layout.addWidget(self.table_label)
        layout.addStretch(1)

    # ------------------------------------------------------------------ the lesson's life

    def stop(self, timeout_ms: int = 30000) -> bool:
        self._timer.stop()
        return super().stop(timeout_ms)

    def is_settled(self) -> bool:
        if self.session.result is None:
            return self.session.is_idle()
        return not self._timer.isActive() and (self._wanted is None or (
            self.view is not None and self.view.key == self._wanted))

    def width(self) -> int:
        """The reduction width the slider is set to."""
        return self.slider.value()

    def set_width(self, width: int) -> None:
        """Set the slider as a user dragging it would (clamped to 1..192)."""
        self.slider.setValue(int(width))

    def _moved(self, *_args) -> None:
        self._show_width()
        self._timer.start()

    def _show_width(self) -> None:
        self.width_value.setText(str(self.width()))

    # ------------------------------------------------------------------ following the session

    def _on_capture(self) -> None:
        if self.session.result is None:
            return
        self._serial += 1
        self.refresh()

    def refresh(self) -> None:
        """Ask the render worker for the slider's width (the newest request wins)."""
        self._timer.stop()
        result = self.session.result
        if result is None or "input" not in result.capture:
            return
        key = (self._serial, self.width(), self.session.cmap)
        if key == self._wanted:
            return
        self._wanted = key
        job = WidthJob(key, result.capture["input"], self.width(), self.session.cmap, self._cache)
        self.session.request_view(KIND, compute, job)

    def _on_view(self, kind: str) -> None:
        view = self.newest_view(kind, KIND, WidthView, self._wanted)
        if view is not None:
            self.view = view
            if not view.error:
                self._draw(view)

    # ------------------------------------------------------------------ drawing

    def _draw(self, view: WidthView) -> None:
        r = view.reduction
        self.course_label.setText(self._course_text(view))
        self.branch_label.setText(self._branch_text(view))
        self.map_titles[0].setText(tr("5×5 branch, 1×1 to {width} first").format(width=r.width))
        self.map_titles[1].setText(tr("without the 1×1 (all {channels} channels)").format(
            channels=r.direct[0].in_channels))
        self.map_titles[2].setText(tr("their difference (same scale)"))
        for picture, array in zip(self.maps, (view.maps, view.full_maps, view.difference)):
            picture.set_mosaic(array, view.grid)
        self.change_label.setText(tr(
            "The {maps} maps differ from the unreduced ones by <b>{change:.1f} %</b> (relative difference). The "
            "{width} directions the 1×1 keeps hold {kept:.1f} % of the input's energy (the sum of squares of its "
            "{channels} channels).").format(maps=r.direct[0].out_channels, change=100 * r.change, width=r.width,
                                            kept=100 * r.kept, channels=r.direct[0].in_channels))
        self.table_label.setText(self._table_text(r.block, view.torchvision, view.paper_as_torchvision, r.width))
        self.changed(self.course_label, self.branch_label, *self.map_titles, *self.maps, self.change_label,
                     self.table_label)

    def _course_text(self, view: WidthView) -> str:
        macs, weights = view.course
        head = (f"<tr><th></th><th align='right'>{html.escape(tr('alone'))}</th>"
                f"<th align='right'>{html.escape(tr('1×1 first'))}</th><th></th></tr>")
        rows = [
            (tr("{k}×{k} conv {cin}→{cout} on {n}×{n}: multiply-adds").format(
                k=macs.kernel, cin=macs.in_channels, cout=macs.out_channels, n=macs.size),
             macs.direct_macs, macs.reduced_macs, macs.reduce, _ratio(macs.direct_macs, macs.reduced_macs)),
            (tr("{k}×{k} conv {cin}→{cout}: weights").format(
                k=weights.kernel, cin=weights.in_channels, cout=weights.out_channels),
             weights.direct_weights, weights.reduced_weights, weights.reduce,
             _ratio(weights.direct_weights, weights.reduced_weights)),
        ]
        body = "".join(
            f"<tr><td>{html.escape(label)}</td><td align='right'>{a:,}</td>"
            f"<td align='right'>{b:,} {html.escape(tr('(to {n})').format(n=n))}</td>"
            f"<td align='right'>{html.escape(tr('{x:.1f}× fewer').format(x=x))}</td></tr>"
            for label, a, b, n, x in rows)
        title = html.escape(tr("The course's examples, counted from the modules"))
        note = html.escape(tr("Biases are not counted, as in the course."))
        return f"<b>{title}</b><table cellspacing='6'>{head}{body}</table><small>{note}</small>"

    def _branch_text(self, view: WidthView) -> str:
        r = view.reduction
        reduce, conv = r.branch[0], r.branch[1]
        return tr("5×5 branch: 1×1 conv {cin}→{width}, then 5×5 conv {width}→{cout}: <b>{macs:,}</b> multiply-adds, "
                  "{weights:,} weights; the 5×5 alone: {direct:,} multiply-adds ({x:.1f}× as many). The whole "
                  "block as the paper draws it: {block:,} multiply-adds, {block_weights:,} weights.").format(
            cin=reduce.in_channels, width=r.width, cout=conv.out_channels, macs=r.branch_macs,
            weights=r.branch_weights, direct=r.direct_macs, x=_ratio(r.direct_macs, r.branch_macs),
            block=r.block.macs, block_weights=r.block.weights)

    def _table_text(self, paper: BlockCost, torchvision: BlockCost, same: BlockCost, width: int) -> str:
        head = "".join(f"<th align='{a}'>{html.escape(t)}</th>" for t, a in (
            (tr("branch"), "left"), (tr("layers"), "left"), (tr("multiply-adds"), "right"), (tr("weights"), "right")))
        differing = {p.name: {i for i, (a, b) in enumerate(zip(p.ops, t.ops)) if a.kernel != b.kernel}
                     for p, t in zip(paper.branches, torchvision.branches)}

        def rows(block: BlockCost, title: str) -> str:
            out = f"<tr><td colspan='4'><b>{html.escape(title)}</b></td></tr>"
            for b in block.branches:
                out += (f"<tr><td>{html.escape(b.name)}</td><td>{_ops(b.ops, differing.get(b.name, set()))}</td>"
                        f"<td align='right'>{b.macs:,}</td><td align='right'>{b.weights:,}</td></tr>")
            return out + (f"<tr><td></td><td><i>{html.escape(tr('total'))}</i></td>"
                          f"<td align='right'><i>{block.macs:,}</i></td><td align='right'><i>{block.weights:,}</i></td></tr>")

        body = rows(paper, tr("As the paper draws it (1×1 to {width} before the 5×5)").format(width=width))
        body += rows(torchvision, tr("torchvision's GoogLeNet, inception3a (read from its modules)"))
        notes = [self._difference(p, t) for p, t in zip(same.branches, torchvision.branches) if differing[p.name]]
        title = html.escape(tr("Inception 3a: the paper and torchvision"))
        return (f"<b>{title}</b><table cellspacing='4'><tr>{head}</tr>{body}</table>"
                + "".join(f"<p>{html.escape(n)}</p>" for n in notes))

    @staticmethod
    def _difference(paper: BranchCost, torchvision: BranchCost) -> str:
        kernel = next(t.kernel for p, t in zip(paper.ops, torchvision.ops) if p.kernel != t.kernel)
        drawn = next(p.kernel for p, t in zip(paper.ops, torchvision.ops) if p.kernel != t.kernel)
        return tr("torchvision's {branch} has a {k}×{k} kernel where the paper draws {d}×{d} (kept so that its "
                  "pretrained weights load): after the same 1×1 to {width}, {macs:,} multiply-adds where the paper's "
                  "needs {paper_macs:,}.").format(
            branch=torchvision.name, k=kernel[0], d=drawn[0], macs=torchvision.macs, paper_macs=paper.macs,
            width=paper.ops[0].out_channels)

    def numbers(self) -> dict[str, float]:
        """Every number the page shows: the course's examples, the branch at the width, the two layouts."""
        out: dict[str, float] = {"width": self.width()}
        view = self.view
        if view is None or view.error:
            return out
        macs, weights = view.course
        out.update(course_direct_macs=macs.direct_macs, course_reduced_macs=macs.reduced_macs,
                   course_reduce=macs.reduce, course_macs_ratio=_ratio(macs.direct_macs, macs.reduced_macs),
                   course_direct_weights=weights.direct_weights, course_reduced_weights=weights.reduced_weights,
                   course_weights_reduce=weights.reduce,
                   course_weights_ratio=_ratio(weights.direct_weights, weights.reduced_weights))
        for prefix, example in (("course_macs", macs), ("course_weights", weights)):
            out.update({f"{prefix}:in": example.in_channels, f"{prefix}:out": example.out_channels,
                        f"{prefix}:kernel": example.kernel, f"{prefix}:size": example.size})
        r = view.reduction
        out.update(shown_width=r.width, branch_macs=r.branch_macs, branch_weights=r.branch_weights,
                   direct_macs=r.direct_macs, branch_ratio=_ratio(r.direct_macs, r.branch_macs),
                   block_macs=r.block.macs, block_weights=r.block.weights, change=r.change, kept=r.kept)
        for prefix, block in (("paper", r.block), ("torchvision", view.torchvision),
                              ("paper_as_torchvision", view.paper_as_torchvision)):
            out[f"{prefix}:macs"], out[f"{prefix}:weights"] = block.macs, block.weights
            for b in block.branches:
                out[f"{prefix}:{b.name}:macs"], out[f"{prefix}:{b.name}:weights"] = b.macs, b.weights
                for i, op in enumerate(b.ops):
                    out[f"{prefix}:{b.name}:{i}:kernel"] = op.kernel[0]
                    if op.in_channels is not None:
                        out[f"{prefix}:{b.name}:{i}:in"] = op.in_channels
                        out[f"{prefix}:{b.name}:{i}:out"] = op.out_channels
        return out
