"""The user's own code as a model: FILE.py:NAME and package.module:NAME, gated by trust, re-read on reload,
and one line (file:line) for every mistake in it."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.user_code import (
    CodeSpec,
    UntrustedCodeError,
    load_user_model,
    looks_like_code,
    parse_code_spec,
)
from tests.course_code import INCEPTION_NET_SOURCE, write_course_files

TINY = "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n" \
       "        self.conv = nn.Conv2d(1, {out}, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n"


@pytest.fixture()
def course(tmp_path) -> dict[str, Path]:
    return write_course_files(tmp_path / "course")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(spec: str, trust_code: bool = True) -> str:
    with pytest.raises(CnnvizError) as info:
        load_user_model(spec, trust_code=trust_code)
    message = str(info.value)
    assert "\n" not in message and len(message) < 400, message
    return message


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize(("text", "spec"), [
    ("net.py:Net", CodeSpec(Path("net.py"), None, "Net")),
    ("models/my net.py:build_net", CodeSpec(Path("models/my net.py"), None, "build_net")),
    ("/home/me/net.py:Net", CodeSpec(Path("/home/me/net.py"), None, "Net")),
    ("C:\\work\\net.py:Net", CodeSpec(Path("C:\\work\\net.py"), None, "Net")),
    ("C:/work/NET.PY:Net", CodeSpec(Path("C:/work/NET.PY"), None, "Net")),
    ("pkg.mod:Name", CodeSpec(None, "pkg.mod", "Name")),
    ("mymodels:Net", CodeSpec(None, "mymodels", "Net")),
    ("  net.py:Net  ", CodeSpec(Path("net.py"), None, "Net")),
])
def test_code_specs_are_parsed(text, spec):
    assert parse_code_spec(text) == spec
    assert looks_like_code(text)


@pytest.mark.parametrize("text", ["resnet18", "mnist_inception", "timm/resnet50.a1_in1k", "timm/x:y", "net.pt",
                                  "ckpt.safetensors", "C:\\work\\net.pt", "pkg.mod:not-a-name", "a/b:Net", ""])
def test_other_model_names_are_not_code_specs(text):
    assert parse_code_spec(text) is None
    assert not looks_like_code(text)


def test_a_py_file_without_name_says_to_add_one():
    with pytest.raises(CnnvizError, match=r"net\.py needs :NAME.*--model net\.py:Net"):
        parse_code_spec("net.py")
    assert looks_like_code("C:\\work\\net.py")


def test_label_and_fingerprint_follow_the_file(tmp_path):
    path = write(tmp_path / "net.py", TINY.format(out=4))
    spec = parse_code_spec(f"{path}:Net")
    assert spec.label == f"{path}:Net"
    before = spec.fingerprint()
    assert before is not None and len(before) == 64 and spec.fingerprint() == before
    write(path, TINY.format(out=5))
    assert spec.fingerprint() not in (None, before)
    assert parse_code_spec("torchvision.models:resnet18").fingerprint() is None
    assert parse_code_spec(f"{tmp_path / 'gone.py'}:Net").fingerprint() is None


# --------------------------------------------------------------------------- trust

def test_without_trust_nothing_is_imported(tmp_path):
    marker = tmp_path / "imported.txt"
    source = f"with open({str(marker)!r}, 'w') as f:\n    f.write('ran')\nimport torch.nn as nn\nNet = nn.Identity\n"
    path = write(tmp_path / "evil.py", source)
    with pytest.raises(UntrustedCodeError) as info:
        load_user_model(f"{path}:Net", trust_code=False)
    message = str(info.value)
    assert "--trust-code" in message and "evil.py" in message and "\n" not in message
    assert not marker.exists()
    assert not any(getattr(m, "__file__", None) == str(path) for m in list(sys.modules.values()))
    load_user_model(f"{path}:Net", trust_code=True)  # the same file, trusted, does run
    assert marker.read_text() == "ran"


def test_a_bare_py_file_lists_its_models_only_when_trusted(tmp_path, course):
    marker = tmp_path / "imported.txt"
    path = write(tmp_path / "net.py", f"with open({str(marker)!r}, 'w'):\n    pass\n" + INCEPTION_NET_SOURCE)
    untrusted = error_of(str(path), trust_code=False)
    assert "needs :NAME" in untrusted and "InceptionA" not in untrusted and not marker.exists()
    trusted = error_of(str(path))
    assert f"--model {path}:Net" in trusted and "InceptionA, Net" in trusted


def test_package_modules_need_trust_too(tmp_path, monkeypatch):
    write(tmp_path / "mypkg_untrusted" / "__init__.py", "raise RuntimeError('ran')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(UntrustedCodeError, match="--trust-code"):
        load_user_model("mypkg_untrusted.nets:Net", trust_code=False)
    assert "mypkg_untrusted" not in sys.modules


# --------------------------------------------------------------------------- loading

def test_course_net_loads_and_runs(course):
    net, info = load_user_model(f"{course['inception']}:Net", trust_code=True)
    assert type(net).__name__ == "Net" and isinstance(net.incep1, nn.Module)
    assert net(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    assert (info.name, info.family, info.described, info.class_names) == ("Net", "user", False, ())
    assert info.description == f"Net from {course['inception']}"


def test_siblings_import_from_the_files_folder_and_sys_path_is_restored(course):
    before = list(sys.path)
    net, _ = load_user_model(f"{course['sibling']}:Net", trust_code=True)
    assert type(net.incep1).__name__ == "InceptionA"
    assert sys.path == before
    assert not list(course["sibling"].parent.glob("__pycache__"))  # no bytecode left to go stale


def test_a_constructor_may_import_a_sibling_itself(tmp_path):
    write(tmp_path / "widths.py", "WIDTH = 9\n")
    lazy = "super().__init__()\n        from widths import WIDTH\n        self.width = WIDTH\n"
    path = write(tmp_path / "lazy.py", TINY.format(out=1).replace("super().__init__()\n", lazy))
    assert load_user_model(f"{path}:Net", trust_code=True)[0].width == 9


def test_reload_after_edit_sees_the_change(tmp_path):
    path = write(tmp_path / "net.py", TINY.format(out=4))
    first, _ = load_user_model(f"{path}:Net", trust_code=True)
    write(path, TINY.format(out=7))  # same size, same second: no cache may hide the edit
    second, _ = load_user_model(f"{path}:Net", trust_code=True)
    assert (first.conv.out_channels, second.conv.out_channels) == (4, 7)
    assert type(first) is not type(second)


def test_reload_rereads_an_edited_sibling(course):
    blocks = course["blocks"]
    first, _ = load_user_model(f"{course['sibling']}:Net", trust_code=True)
    first_conv = "nn.Conv2d(in_channels, 16, kernel_size=1)\n\n        self.branch5x5_1"
    blocks.write_text(blocks.read_text().replace(first_conv, first_conv.replace("=1)", "=1, bias=False)")),
                      encoding="utf-8")
    second, _ = load_user_model(f"{course['sibling']}:Net", trust_code=True)
    assert first.incep1.branch1x1.bias is not None and second.incep1.branch1x1.bias is None


def test_the_loaded_classes_are_importable_by_their_module_name(course, tmp_path):
    net, _ = load_user_model(f"{course['inception']}:Net", trust_code=True)
    assert sys.modules[type(net).__module__].Net is type(net)  # what pickle, dataclasses and inspect look up
    torch.save(net, tmp_path / "whole.pth")
    assert "class InceptionA" in inspect.getsource(type(net.incep1))


def test_a_factory_function_is_called_with_no_arguments(tmp_path):
    path = write(tmp_path / "zoo.py", TINY.format(out=3) + "\n\ndef make_net(width=5):\n    net = Net()\n"
                 "    net.conv = nn.Conv2d(1, width, 3)\n    return net\n")
    net, info = load_user_model(f"{path}:make_net", trust_code=True)
    assert net.conv.out_channels == 5 and info.name == "make_net"


def test_a_module_built_at_import_is_taken_as_is(tmp_path):
    path = write(tmp_path / "inst.py", TINY.format(out=2) + "\nnet = Net()\n")
    net, _ = load_user_model(f"{path}:net", trust_code=True)
    assert net.conv.out_channels == 2


def test_package_module_from_sys_path(tmp_path, monkeypatch):
    write(tmp_path / "mynets" / "__init__.py", "")
    write(tmp_path / "mynets" / "blocks.py", TINY.format(out=6))
    monkeypatch.syspath_prepend(str(tmp_path))
    net, info = load_user_model("mynets.blocks:Net", trust_code=True)
    assert net.conv.out_channels == 6 and info.description == "Net from mynets.blocks"
    for name in ("mynets", "mynets.blocks"):
        monkeypatch.delitem(sys.modules, name)


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize(("make", "pattern"), [
    (lambda d: d / "absent.py", r"model code file not found: .*absent\.py"),
    (lambda d: (d / "folder.py").mkdir() or d / "folder.py", r"folder\.py is a folder"),
    (lambda d: write(d / "empty.py", "  \n"), r"empty\.py is empty"),
    (lambda d: (d / "latin.py").write_bytes(b"# caf\xe9\nx = 1\n") and d / "latin.py", r"latin\.py is not utf-8 text"),
])
def test_unreadable_files_give_one_line_without_trust(tmp_path, make, pattern):
    path = make(tmp_path)
    assert re.search(pattern, error_of(f"{path}:Net", trust_code=False))


def test_a_declared_source_encoding_is_honoured(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + TINY.format(out=2).encode())
    assert load_user_model(f"{path}:Net", trust_code=True)[0].conv.out_channels == 2


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path / "bad.py", "import torch\n\nclass Net(nn.Module:\n    pass\n")
    message = error_of(f"{path}:Net")
    assert message.startswith(f"{path}:3: SyntaxError: ")


def test_syntax_error_in_a_sibling_names_the_sibling(tmp_path):
    write(tmp_path / "parts.py", "x = (\n")
    path = write(tmp_path / "net.py", "from parts import x\n")
    assert error_of(f"{path}:Net").startswith(f"{tmp_path / 'parts.py'}:1: SyntaxError: ")


def test_exception_while_importing_names_the_users_line(tmp_path):
    path = write(tmp_path / "boom.py", "import torch\n\nx = 1\nraise ValueError('bad config')\n")
    assert error_of(f"{path}:Net") == f"{path}:4: ValueError: bad config"


def test_missing_import_names_the_users_line(tmp_path):
    path = write(tmp_path / "needs.py", "import torch\nimport not_a_module_anyone_has\n")
    assert error_of(f"{path}:Net") == f"{path}:2: ModuleNotFoundError: No module named 'not_a_module_anyone_has'"


def test_exception_while_building_names_the_deepest_user_line_not_torchs(tmp_path):
    write(tmp_path / "layers.py", "import torch.nn as nn\n\ndef conv():\n"
                                  "    return nn.Conv2d(1, 3, 3, padding_mode='mirror')\n")
    path = write(tmp_path / "net.py", "import torch.nn as nn\nfrom layers import conv\n\n\nclass Net(nn.Module):\n"
                 "    def __init__(self):\n        super().__init__()\n        self.c = conv()\n")
    message = error_of(f"{path}:Net")
    assert message.startswith(f"{tmp_path / 'layers.py'}:4: ValueError: "), message
    assert "torch" not in message.split(": ")[0]


def test_sys_exit_in_the_file_is_one_line(tmp_path):
    path = write(tmp_path / "quits.py", "import sys\nsys.exit(3)\n")
    assert error_of(f"{path}:Net") == f"{path}:2: SystemExit: 3"


def test_name_not_in_file_lists_modules_and_factories(tmp_path):
    source = TINY.format(out=3) + ("\n\ndef build() -> nn.Module:\n    return Net()\n\n\ndef helper(x):\n"
                                   "    return x\n\n\nclass Config:\n    pass\n")
    path = write(tmp_path / "zoo.py", source)
    message = error_of(f"{path}:Nett")
    assert message.startswith(f"{path}: there is no Nett in it;") and message.endswith("it defines Net, build()")


def test_factories_annotated_as_strings_are_listed(tmp_path):
    source = "from __future__ import annotations\n" + TINY.format(out=3) + (
        "\n\ndef build(depth: int) -> nn.Module:\n    return Net()\n\n\ndef other() -> Net:\n    return Net()\n"
        "\n\ndef text(x) -> str:\n    return x\n")
    path = write(tmp_path / "annotated.py", source)
    assert error_of(f"{path}:nope").endswith("it defines Net, build(), other()")


def test_name_not_in_file_clips_long_names(tmp_path):
    classes = "".join(f"\n\nclass {'N' * 200}{i}(nn.Module):\n    pass\n" for i in range(20))
    path = write(tmp_path / "many.py", "import torch.nn as nn\n" + classes)
    message = error_of(f"{path}:{'x' * 300}")
    assert "(+14 more)" in message and len(message) < 400


def test_name_needing_arguments_says_which(course):
    message = error_of(f"{course['inception']}:InceptionA")
    assert "InceptionA needs arguments (in_channels)" in message and "with none" in message


def test_factory_returning_something_else_says_what(tmp_path):
    path = write(tmp_path / "f.py", "def make():\n    return [1, 2]\n\nclass Plain:\n    pass\n\nvalue = 3\n")
    assert error_of(f"{path}:make").endswith("make returned a list, not an nn.Module")
    assert "is a class but not an nn.Module subclass" in error_of(f"{path}:Plain")
    assert "value is a int, not an nn.Module class" in error_of(f"{path}:value")


def test_package_module_that_cannot_be_imported(tmp_path, monkeypatch):
    assert error_of("no_such_package_here.nets:Net").startswith("cannot import no_such_package_here.nets: no module")
    write(tmp_path / "halfpkg" / "__init__.py", "")
    write(tmp_path / "halfpkg" / "broken.py", "x = 1\nraise KeyError('oops')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert error_of("halfpkg.missing:Net") == "cannot import halfpkg.missing (No module named 'halfpkg.missing')"
    assert error_of("halfpkg.broken:Net") == f"{tmp_path / 'halfpkg' / 'broken.py'}:2: KeyError: 'oops'"
    monkeypatch.delitem(sys.modules, "halfpkg")


def test_not_a_spec_at_all():
    assert "is not user code" in error_of("resnet18")


@pytest.mark.parametrize("text", ["net.py:", "net.py:1st", "net.py:Net:extra", "NET.PY:my-net"])
def test_a_py_file_with_a_bad_name_says_what_name_to_give(text):
    with pytest.raises(CnnvizError, match=r"is not FILE\.py:NAME: give the class or function that builds the model after the colon"):
        parse_code_spec(text)
    assert looks_like_code(text)
    message = error_of(text)
    assert "give the class or function" in message and "not found" not in message


def test_a_package_module_is_imported_afresh_after_an_edit(tmp_path, monkeypatch):
    write(tmp_path / "mynets2" / "__init__.py", "")
    source = write(tmp_path / "mynets2" / "nets.py", TINY.format(out=6))
    monkeypatch.syspath_prepend(str(tmp_path))
    first, _ = load_user_model("mynets2.nets:Net", trust_code=True)
    source.write_text(TINY.format(out=9) + "\n# edited\n", encoding="utf-8")
    second, _ = load_user_model("mynets2.nets:Net", trust_code=True)
    assert (first.conv.out_channels, second.conv.out_channels) == (6, 9)
    assert load_user_model("torch.nn:Identity", trust_code=True)[0].__class__ is nn.Identity  # installed: kept
    for name in ("mynets2", "mynets2.nets"):
        monkeypatch.delitem(sys.modules, name)
