"""The Inception dock: a block's parallel branches side by side, what each contributes, and why 1x1 convolutions pay.

An Inception-ResNet block is here too: its branches are the concatenation that begins its residual path
(the Residual dock shows that path added to x). Clicking a channel of such a branch selects the branch
itself (``<block>:branch<i>``), as the block's output has other channels.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QVBoxLayout

from ...core.views.block_views import InceptionView, inception_view
from ..session import AUTO_CMAP
from ..widgets import BarChart, plain_label, rich_label
from .block_panel import BlockPanel, colour
from .layer_tree import human


def why_1x1_html(view: InceptionView) -> tuple[str, str, str]:
    """Why 1x1 in words, a table of each branch's weights and MACs as built and without its 1x1
    reduction, and the whole block's saving."""
    rows = []
    for b in view.branches:
        c = b.cost
        saving = f"{c.saving:.1f}\u00d7" if abs(c.saving - 1) > 0.01 else "\u2014"
        rows.append(f"<tr><td>{b.index + 1}: {b.label}</td><td align=right>{human(c.weights)}</td>"
                    f"<td align=right>{human(c.macs)}</td><td align=right>{human(c.direct_weights)}</td>"
                    f"<td align=right>{human(c.direct_macs)}</td><td align=right><b>{saving}</b></td></tr>")
    built = sum(b.cost.macs for b in view.branches)
    direct = sum(b.cost.direct_macs for b in view.branches)
    # an Inception-ResNet block's F(x) has more than its branches
    whole, its = ("Its branches", "their") if view.residual_path else ("The whole block", "its")
    total = (f"{whole}: {human(built)} MACs as built, {human(direct)} without {its} 1\u00d71 reductions "
             f"(<b>{direct / built:.1f}\u00d7</b>)." if built else "")
    if built and direct < built:  # a 1x1 that widens a thin input costs more than it saves
        total += (f" Here the block's input has only {view.in_channels} channels, fewer than its 1\u00d71 "
                  "convolutions make, so they cost more than they save: the trick pays when the input is wide.")
    head = ("<tr><th align=left>branch</th><th>weights</th><th>MACs</th><th>weights<br>without 1\u00d71</th>"
            "<th>MACs<br>without 1\u00d71</th><th>saving</th></tr>")
    intro = ("<b>Why 1\u00d71?</b> A 1\u00d71 convolution first shrinks the channels a wide kernel has to read. "
             f"Without it, each wider kernel ({_wide_kernels(view)}) would read all {view.in_channels} "
             "input channels of the block.")
    return intro, f"<table cellspacing=4>{head}{''.join(rows)}</table>", total


def _wide_kernels(view: InceptionView) -> str:
    return ", ".join(k.replace("x", "\u00d7") for k in view.wide_kernels) or "3\u00d73, 5\u00d75"


class InceptionPanel(BlockPanel):
    """One column per branch of the selected Inception block, in concatenation order."""

    title = "Inception"
    name = "inception_dock"
    tab_with = "feature_maps_dock"
    kind = "inception"
    noun = "Inception block"
    article = "an"
    label_rows = 2  # what the branch is; which channels it gives

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.energy = BarChart()
        # (a wrapped label holding a table is laid out too short)
        self.costs, self.cost_table, self.cost_total = rich_label(wrap=True), rich_label(), rich_label(wrap=True)
        self.hover = plain_label("Click a channel to see it in the feature-map dock.")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.selector_row())
        layout.addWidget(self.info)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.hover)
        energy_title = rich_label("<b>Share of the block's activation energy</b> (sum of squares of each "
                                  "branch's output)", wrap=True)
        layout.addWidget(energy_title)
        layout.addWidget(self.energy)
        layout.addWidget(self.costs)
        layout.addWidget(self.cost_table)
        layout.addWidget(self.cost_total)
        layout.addStretch(1)

    @staticmethod
    def compute(capture, block) -> InceptionView:
        return inception_view(capture, block)

    def none_message(self, model: str) -> str:
        return (f"{model} has no Inception blocks: no layer's output is a concatenation of parallel branches.\n"
                "Try googlenet, inception_v3 or mnist_inception.")

    def paint_view(self, view: InceptionView) -> None:
        cmap = self.session.cmap
        if cmap == AUTO_CMAP:
            cmap = "coolwarm" if view.signed else "magma"
        h, w = view.size
        scale = f"\u00b1{view.vmax:.3g}" if view.signed else f"0 \u2026 {view.vmax:.3g}"
        residual = (f"<br>Inception-ResNet: the concatenation begins the block's residual path, "
                    f"{escape(view.residual_path)} (the Residual dock shows x, F(x) and the sum)."
                    if view.residual_path else "")
        self.info.setText(f"<b>{escape(view.path)}</b> ({escape(view.type_name)}): {len(view.branches)} branches concatenated "
                          f"into {view.out_channels} channels of {h}\u00d7{w}; one colour scale for all "
                          f"({scale}, {cmap}).{residual}")
        whole = "the concatenation" if view.residual_path else "the output"
        for i, branch in enumerate(view.branches):
            title, sub, mosaic = self.column(i)
            part = branch.part
            start, stop = branch.channel_range
            title.setText(f"<b>{branch.index + 1}: {escape(branch.label)}</b>")
            shown = (f"{part.shown} strongest of {part.channels}" if part.shown < part.channels
                     else f"{part.channels}")
            sub.setText(f"channels {start}\u2013{stop - 1} of {whole} ({shown} shown)")
            mosaic.set_mosaic(colour(part.image, cmap), part.grid)
            self.changed(mosaic)
        self.show_columns(len(view.branches))
        shares = [b.energy_share for b in view.branches]
        self.energy.set_items([(f"{b.index + 1}: {b.label}", b.energy_share) for b in view.branches],
                              highlight=shares.index(max(shares)) if shares else None)
        intro, table, total = why_1x1_html(view)
        self.costs.setText(intro)
        self.cost_table.setText(table)
        self.cost_total.setText(total)
        self.on_channel()
        self.changed(self.info, self.energy, self.costs, self.cost_table, self.cost_total)

    def on_channel(self) -> None:
        """Outline the session's channel in the branch that produced it (when the block, or for an
        Inception-ResNet block that branch, is selected)."""
        view, s = self.view, self.session
        for i, branch in enumerate(view.branches if view is not None else ()):
            start, stop = branch.channel_range
            if view.residual_path:  # the branch's own channels
                inside = s.layer == f"{view.path}:branch{branch.index}" and s.channel is not None
                self.columns[i][2].set_selected(s.channel if inside else None)
                continue
            channel = s.channel if s.layer == view.path else None
            inside = channel is not None and start <= channel < stop
            self.columns[i][2].set_selected(channel - start if inside else None)

    def on_unit_click(self, column: int, channel: int, row: int, col: int) -> None:
        view = self.view
        if view is None or column >= len(view.branches):
            return
        if view.residual_path:  # the concatenation is not the block's output: select the branch itself
            self.session.select_layer(f"{view.path}:branch{view.branches[column].index}")
            self.session.select_channel(channel)
        else:
            self.session.select_layer(view.path)
            self.session.select_channel(view.branches[column].channel_range[0] + channel)
        self.session.select_unit(view.path, row, col)

    def on_unit_hover(self, column: int, text: str) -> None:
        view = self.view
        if view is None or column >= len(view.branches) or not text:
            self.hover.setText("Click a channel to see it in the feature-map dock.")
            return
        self.hover.setText(f"branch {column + 1}: {text}")
