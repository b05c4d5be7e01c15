"""The Units dock's Maximise half: an image optimised to excite the selected channel, shown as it forms.

:class:`MaximiseMixin` is part of :class:`~cnnviz.gui.panels.units.UnitsPanel` (one dock, two files): it runs a
:class:`~cnnviz.gui.units_worker.MaximiseWorker` on the dock's channel (its centre unit, or the whole channel's
mean), shows each image it sends, and at the end the image's score beside the best dataset image's (both the
channel's maximum, the number the dataset images are ranked by).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPushButton, QSpinBox

from ...core.i18n import translator
from ..units_worker import MaximiseJob, MaximiseWorker
from ..widgets import ImageView, plain_label

tr = translator(__name__)


def spin_box(low: int, high: int, value: int, prefix: str, suffix: str) -> QSpinBox:
    """A spin box from ``low`` to ``high`` showing ``value`` between ``prefix`` and ``suffix``."""
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
    spin.setGroupSeparatorShown(True)
    return spin


class MaximiseMixin:
    """Maximise's widgets and jobs; the dock provides the session, channel(), _shape(), found, _say(),
    _started(), _on_progress(), _on_failed() and _on_finished()."""

    max_worker: MaximiseWorker | None = None
    maximised = None  # (MaximiseJob, MaximiseResult, score) of the last finished run

    def _build_maximise(self) -> None:
        self.steps_spin = spin_box(1, 10_000, 256, "", tr(" steps"))
        self.mean_box = QCheckBox(tr("whole channel"))
        self.mean_box.setToolTip(tr("Maximise the channel's mean over all positions instead of its centre unit "
                                    "(a dataset image's score is its peak at one position)"))
        self.max_button = QPushButton(tr("Maximise"))
        self.max_button.clicked.connect(self.maximise)
        self.max_view = ImageView(tr("Maximise draws an image that excites the channel"))
        self.max_view.setMinimumSize(140, 140)
        self.max_line = plain_label(wrap=True)

    def centre_unit(self) -> tuple[int, int] | None:
        """The position Maximise raises: the centre of the layer's maps (None: the mean, or a layer of vectors)."""
        shape = self._shape()
        if self.mean_box.isChecked() or shape is None or len(shape) != 3:
            return None
        return shape[1] // 2, shape[2] // 2

    # ------------------------------------------------------------------ Maximise

    def maximise(self) -> None:
        """Optimise an image for the selected channel (nothing happens while a job runs)."""
        s = self.session
        if self.busy():
            return
        if s.model is None:
            return self._say(tr("load a model first"))
        channels = self.channels()
        if channels is None:
            return self._say(tr("{layer} has no channels to maximise").format(layer=s.layer or tr("this layer")))
        if not 0 <= self.channel() < channels:
            return self._say(tr("channel {channel} is out of range: {layer} has {channels}").format(
                channel=self.channel(), layer=s.layer, channels=channels))
        self.maximised = None
        job = MaximiseJob(s.model, s.layer, self.channel(), self.steps_spin.value(), self.centre_unit())
        self.max_worker = MaximiseWorker(job, self)
        self.max_worker.progress.connect(self._on_progress)
        self.max_worker.step.connect(self._on_step)
        self.max_worker.done.connect(self._on_maximised)
        self.max_worker.failed.connect(lambda line, j=job: self._on_failed(j.model, line, "maximisation"))
        self.max_worker.finished.connect(self._on_finished)
        self.max_line.setText("")
        if job.unit is not None:
            self._started(tr("maximising unit {unit} of channel {channel} of {layer}\u2026").format(
                unit=job.unit, channel=job.channel, layer=job.layer))
        else:
            self._started(tr("maximising channel {channel} of {layer}\u2026").format(channel=job.channel,
                                                                                     layer=job.layer))
        self.max_worker.start()

    def _on_step(self, payload) -> None:
        job, step, image, activation = payload
        if self.max_worker is None or job is not self.max_worker.job:
            return
        self.max_view.set_array(image, smooth=False)
        self.max_line.setText(tr("step {step}: activation {activation}").format(step=f"{step:,}",
                                                                                 activation=f"{activation:.3g}"))
        self.changed(self.max_view, self.max_line)

    def _on_maximised(self, payload) -> None:
        job, result, _score = payload
        if job.model is not self.session.model:
            return self._say(tr("the model changed during the maximisation: press Maximise again"))
        self.maximised = payload
        self.max_view.set_array(result.image, smooth=False)
        self.max_line.setText(self._max_text())
        self._say(tr("maximised channel {channel} of {layer} in {steps} steps").format(
            channel=job.channel, layer=job.layer, steps=f"{result.steps_run:,}"))
        self.changed(self.max_view, self.max_line)

    def _max_text(self) -> str:
        job, _result, score = self.maximised
        text = tr("maximised: {score}").format(score=f"{score:.3g}")
        best = self.best_score(job.layer, job.channel)
        return text + (tr(" vs best image {score}").format(score=f"{best:.3g}") if best is not None else
                       tr(" (Find to compare with the dataset)"))

    def best_score(self, layer: str, channel: int) -> float | None:
        """The best dataset image's score for ``channel`` of ``layer``, if the last Find ranked that layer."""
        if self.found is None or self.found.result.layer != layer or not 0 <= channel < self.found.result.top.channels:
            return None
        index = int(self.found.result.top.index[channel, 0])
        return float(self.found.result.top.scores[channel, 0]) if index >= 0 else None

