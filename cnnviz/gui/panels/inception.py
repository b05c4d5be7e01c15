"""The Inception dock: a block's parallel branches side by side, what each contributes, and why 1x1 convolutions pay.

An Inception-ResNet block is here too: its branches are the concatenation that begins its residual path
(the Residual dock shows that path added to x). Clicking a channel of such a branch selects the branch
itself (``<block>:branch<i>``), as the block's output has other channels.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtWidgets import QVBoxLayout

from ...core.i18n import marker, translator
from ...core.views.block_views import InceptionView, inception_view
from ..session import AUTO_CMAP
from ..widgets import BarChart, plain_label, rich_label
from .block_panel import BlockPanel, colour
from .layer_tree import human

tr = translator(__name__)
N_ = marker(__name__)

CLICK_HINT = N_("Click a channel to see it in the feature-map dock.")
# the words of a branch label (cnnviz.core.capture.anatomy.Branch.label, kept English in files), shown translated
LABEL_WORDS = {"avg-pool": N_("avg-pool"), "max-pool": N_("max-pool"), "lp-pool": N_("lp-pool"),
               "identity": N_("identity")}
_LABEL_WORD = re.compile(r"\b(" + "|".join(map(re.escape, LABEL_WORDS)) + r")\b")


def branch_label(label: str) -> str:
    """A branch's label (``3x3 avg-pool -> 1x1, 24``) with its words in the user's language."""
    return _LABEL_WORD.sub(lambda m: tr(LABEL_WORDS[m.group(1)]), label)


def why_1x1_html(view: InceptionView) -> tuple[str, str, str]:
    """Why 1x1 in words, a table of each branch's weights and MACs as built and without its 1x1
    reduction, and the whole block's saving."""
    rows = []
    for b in view.branches:
        c = b.cost
        saving = f"{c.saving:.1f}\u00d7" if abs(c.saving - 1) > 0.01 else "\u2014"
        rows.append(f"<tr><td>{b.index + 1}: {escape(branch_label(b.label))}</td><td align=right>{human(c.weights)}</td>"
                    f"<td align=right>{human(c.macs)}</td><td align=right>{human(c.direct_weights)}</td>"
                    f"<td align=right>{human(c.direct_macs)}</td><td align=right><b>{saving}</b></td></tr>")
    built = sum(b.cost.macs for b in view.branches)
    direct = sum(b.cost.direct_macs for b in view.branches)
    total = ""
    if built:  # an Inception-ResNet block's F(x) has more than its branches
        total = (tr("Its branches: {built} MACs as built, {direct} without their 1×1 reductions (<b>{ratio}×</b>).")
                 if view.residual_path else
                 tr("The whole block: {built} MACs as built, {direct} without its 1×1 reductions (<b>{ratio}×</b>)."))
        total = total.format(built=human(built), direct=human(direct), ratio=f"{direct / built:.1f}")
    if built and direct < built:  # a 1x1 that widens a thin input costs more than it saves
        total += tr(" Here the block's input has only {channels} channels, fewer than its 1×1 convolutions "
                    "make, so they cost more than they save: the trick pays when the input is wide."
                    ).format(channels=view.in_channels)  # the space is the translation's: none in Chinese
    head = "".join(f"<th{' align=left' if i == 0 else ''}>{text}</th>" for i, text in enumerate(
        (tr("branch"), tr("weights"), tr("MACs"), tr("weights<br>without 1×1"), tr("MACs<br>without 1×1"),
         tr("saving"))))
    head = f"<tr>{head}</tr>"
    intro = tr("<b>Why 1×1?</b> A 1×1 convolution first shrinks the channels a wide kernel has to read. Without "
               "it, each wider kernel ({kernels}) would read all {channels} input channels of the block."
               ).format(kernels=_wide_kernels(view), channels=view.in_channels)
    return intro, f"<table cellspacing=4>{head}{''.join(rows)}</table>", total


def _wide_kernels(view: InceptionView) -> str:
    return ", ".join(k.replace("x", "\u00d7") for k in view.wide_kernels) or "3\u00d73, 5\u00d75"


class InceptionPanel(BlockPanel):
    """One column per branch of the selected Inception block, in concatenation order."""

    title = N_("Inception")
    name = "inception_dock"
    tab_with = "feature_maps_dock"
    kind = "inception"
    noun = N_("Inception block")
    a_noun = N_("an Inception block")
    label_rows = 2  # what the branch is; which channels it gives

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.energy = BarChart()
        # (a wrapped label holding a table is laid out too short)
        self.costs, self.cost_table, self.cost_total = rich_label(wrap=True), rich_label(), rich_label(wrap=True)
        self.hover = plain_label(tr(CLICK_HINT))
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.selector_row())
        layout.addWidget(self.info)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.hover)
        energy_title = rich_label(tr("<b>Share of the block's activation energy</b> (sum of squares of each "
                                     "branch's output)"), wrap=True)
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
        return tr("{model} has no Inception blocks: no layer's output is a concatenation of parallel branches.\n"
                  "Try googlenet, inception_v3 or mnist_inception.").format(model=model)

    def paint_view(self, view: InceptionView) -> None:
        cmap = self.session.cmap
        if cmap == AUTO_CMAP:
            cmap = "coolwarm" if view.signed else "magma"
        h, w = view.size
        scale = f"\u00b1{view.vmax:.3g}" if view.signed else f"0 \u2026 {view.vmax:.3g}"
        residual = ("<br>" + tr("Inception-ResNet: the concatenation begins the block's residual path, {path} "
                                "(the Residual dock shows x, F(x) and the sum).").format(
            path=escape(view.residual_path)) if view.residual_path else "")
        self.info.setText(tr("<b>{path}</b> ({type}): {branches} branches concatenated into {channels} channels of "
                             "{h}×{w}; one colour scale for all ({scale}, {cmap}).").format(
            path=escape(view.path), type=escape(view.type_name), branches=len(view.branches),
            channels=view.out_channels, h=h, w=w, scale=scale, cmap=cmap) + residual)
        channels_of = (tr("channels {first}–{last} of the concatenation ({shown} shown)") if view.residual_path
                       else tr("channels {first}–{last} of the output ({shown} shown)"))
        for i, branch in enumerate(view.branches):
            title, sub, mosaic = self.column(i)
            part = branch.part
            start, stop = branch.channel_range
            title.setText(f"<b>{branch.index + 1}: {escape(branch_label(branch.label))}</b>")
            shown = (tr("{shown} strongest of {channels}").format(shown=part.shown, channels=part.channels)
                     if part.shown < part.channels else f"{part.channels}")
            sub.setText(channels_of.format(first=start, last=stop - 1, shown=shown))
            mosaic.set_mosaic(colour(part.image, cmap), part.grid)
            self.changed(mosaic)
        self.show_columns(len(view.branches))
        shares = [b.energy_share for b in view.branches]
        self.energy.set_items([(f"{b.index + 1}: {branch_label(b.label)}", b.energy_share) for b in view.branches],
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
            self.hover.setText(tr(CLICK_HINT))
            return
        self.hover.setText(tr("branch {number}: {unit}").format(number=column + 1, unit=text))
