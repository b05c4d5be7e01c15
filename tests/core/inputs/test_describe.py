"""The input of models that do not describe it: guessed from the first convolution, given by the user, checked."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.describe import InputRequest, describe_model, first_conv, read_class_names, requested_spec
from cnnviz.core.models.loader import from_module
from cnnviz.core.spec import InputSpec, ModelInfo

UNDESCRIBED = ModelInfo("net", "user", InputSpec(), (), "", described=False)


class Flat(nn.Module):
    """A conv net whose classifier fixes the input size (as the course's MNIST networks do)."""

    def __init__(self, channels: int, side: int, classes: int = 10) -> None:
        super().__init__()
        self.conv = nn.Conv2d(channels, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * side * side, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.bn(self.conv(x)), 1))


def test_a_grey_mnist_sized_model_gets_28x28_grey_input_and_a_note():
    info, notes = describe_model(Flat(1, 28), UNDESCRIBED, InputRequest())
    assert (info.input.channels, *info.input.size) == (1, 28, 28) and info.input.resize is None
    assert info.class_names == tuple(f"class {i}" for i in range(10))
    assert len(notes) == 1 and "input guessed: 1x28x28 grey" in notes[0] and "conv" in notes[0]


def test_the_first_size_the_forward_takes_is_chosen():
    info, notes = describe_model(Flat(3, 32), UNDESCRIBED, InputRequest())
    assert (info.input.channels, *info.input.size) == (3, 32, 32) and "CIFAR" in notes[0]
    info, _ = describe_model(nn.Sequential(nn.Conv2d(3, 2, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten()),
                             UNDESCRIBED, InputRequest())
    assert info.input == InputSpec()  # any size works: ImageNet's 224, resize 256


def test_no_size_fits_is_one_line_naming_the_sizes_tried():
    with pytest.raises(CnnvizError) as err:
        describe_model(Flat(3, 50), UNDESCRIBED, InputRequest())
    text = str(err.value)
    assert "\n" not in text and "forward fails on a 1x3x224x224 input" in text and "3x32x32" in text
    assert "--input-size C H W" in text


def test_a_four_channel_model_is_refused():
    with pytest.raises(CnnvizError, match="takes 4 channels; cnnviz feeds grey"):
        describe_model(Flat(4, 28), UNDESCRIBED, InputRequest())


def test_the_users_size_mean_std_and_classes_win():
    request = InputRequest((3, 50, 50), (0.5,), (0.25, 0.5, 1.0), tuple("abcdefghij"))
    info, notes = describe_model(Flat(3, 50), UNDESCRIBED, request)
    assert notes == [] and info.described
    assert info.input.size == (50, 50) and info.input.mean == (0.5, 0.5, 0.5) and info.input.std == (0.25, 0.5, 1.0)
    assert info.class_names == tuple("abcdefghij")
    with pytest.raises(CnnvizError, match="--classes names 3 classes but net has 10 outputs"):
        describe_model(Flat(3, 50), UNDESCRIBED, InputRequest((3, 50, 50), class_names=("a", "b", "c")))


def test_a_described_model_is_not_run_unless_asked():
    class Boom(nn.Module):
        def forward(self, x):
            raise AssertionError("ran")

    info = ModelInfo("b", "course", InputSpec(), ("x",))
    assert describe_model(Boom(), info, InputRequest()) == (info, [])
    with pytest.raises(CnnvizError, match="forward fails on a 1x3x64x64 input .*ran"):
        describe_model(Boom(), info, InputRequest(input_size=(3, 64, 64)))


@pytest.mark.parametrize("request_, words", [
    (InputRequest(input_size=(2, 28, 28)), "2 channels"),
    (InputRequest(input_size=(1, 0, 28)), "outside 1..4096"),
    (InputRequest(input_size=(1, 28, 100_000)), "outside 1..4096"),
    (InputRequest(mean=(0.1, 0.2)), "takes 1 value for a 1-channel input, not 2"),
    (InputRequest(std=(0.0,)), "above 0"),
    (InputRequest(std=(float("nan"),)), "finite"),
    (InputRequest(mean=(float("inf"),)), "finite"),
])
def test_bad_values_are_one_line(request_, words):
    with pytest.raises(CnnvizError, match=words) as err:
        requested_spec(InputSpec(1, (28, 28), None, (0.5,), (0.5,)), request_)
    assert "\n" not in str(err.value)


def test_changing_the_channels_takes_that_channel_counts_normalisation():
    spec = requested_spec(InputSpec(1, (28, 28), None, (0.1307,), (0.3081,), invert=True), InputRequest((3, 32, 32)))
    assert spec.channels == 3 and len(spec.mean) == 3 and not spec.invert
    grown = requested_spec(InputSpec(), InputRequest((3, 448, 448)))
    assert grown.resize == 512  # the model's resize-to-crop ratio kept


def test_read_class_names(tmp_path):
    path = tmp_path / "classes.txt"
    path.write_text("\ufeffcat\n  dog \n" + "x" * 500 + "\n\n\n", encoding="utf-8")
    names = read_class_names(path)
    assert names[:2] == ("cat", "dog") and len(names) == 3 and len(names[2]) <= 120
    for data, words in ((b"", "empty"), (b"\n\n", "empty"), (b"a\0b", "not text"), (b"\xff\xfe\xfa", "not UTF-8")):
        path.write_bytes(data)
        with pytest.raises(CnnvizError, match=words):
            read_class_names(path)
    with pytest.raises(CnnvizError, match="does not exist"):
        read_class_names(tmp_path / "missing.txt")
    with pytest.raises(CnnvizError, match="folder"):
        read_class_names(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(9 * 1024 * 1024)
    with pytest.raises(CnnvizError, match="over 8 MiB"):
        read_class_names(big)


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:FutureWarning")
def test_first_conv_finds_scripted_convolutions():
    net = Flat(1, 28).eval()
    assert first_conv(net) == ("conv", 1)
    assert first_conv(torch.jit.script(net)) == ("conv", 1)
    assert first_conv(nn.Linear(3, 3)) is None


def test_from_module_keeps_the_users_object_and_its_mode():
    net = Flat(1, 28).train()
    before = net.bn.running_mean.clone()
    loaded = from_module(net)
    assert loaded.module is net and net.training  # not copied, not switched to eval
    assert torch.equal(net.bn.running_mean, before)  # the check forward ran in eval mode
    assert loaded.info.family == "user" and loaded.info.input.size == (28, 28) and loaded.notes
    with pytest.raises(TypeError, match="not str"):
        from_module("Net")  # type: ignore[arg-type]
    with pytest.raises(CnnvizError, match="class names are empty"):
        from_module(net, class_names=[])


def test_the_check_forward_restores_each_layers_own_mode():
    net = Flat(1, 28).train()
    net.bn.eval()  # a frozen batch norm in a network that trains
    from_module(net)
    assert net.training and not net.bn.training and net.conv.training


def test_class_names_given_as_one_string_are_refused():
    with pytest.raises(CnnvizError, match="not one string"):
        from_module(Flat(1, 28), class_names="digits")  # type: ignore[arg-type]


def test_from_module_takes_one_number_for_mean_and_std_and_refuses_other_things():
    import numpy as np

    loaded = from_module(Flat(3, 32), mean=np.float32(0.5), std=0.25)
    assert loaded.info.input.mean == (0.5, 0.5, 0.5) and loaded.info.input.std == (0.25, 0.25, 0.25)
    for bad in ({"mean": object()}, {"input_size": 28}):
        with pytest.raises(CnnvizError, match="takes"):
            from_module(Flat(3, 32), **bad)


def test_a_size_given_for_a_model_that_does_not_describe_its_input_gets_the_usual_preprocessing():
    info, _ = describe_model(Flat(1, 28), UNDESCRIBED, InputRequest((1, 28, 28)))
    assert info.input.resize is None and info.input.invert and info.input.mean == (0.1307,)  # MNIST's
    info, _ = describe_model(Flat(3, 32), UNDESCRIBED, InputRequest((3, 32, 32), mean=(0.5,)))
    assert info.input.resize is None and info.input.mean == (0.5, 0.5, 0.5) and info.input.std[0] == 0.2470
    info, _ = describe_model(nn.Sequential(nn.Conv2d(3, 2, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten()),
                             UNDESCRIBED, InputRequest((3, 320, 320)))
    assert info.input.size == (320, 320) and info.input.resize == 365  # ImageNet's resize-to-crop ratio
