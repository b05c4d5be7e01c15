"""The README's student network (resources/examples/my_net.py) opens as user code, and its Inception-ResNet
blocks are captured exactly: the branches concatenate to what ``mix`` reads, identity + residual = sum."""

from __future__ import annotations

from pathlib import Path

import torch

from cnnviz import capture, load_image, load_model
from cnnviz.core.inputs.images import sample_images

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "examples" / "my_net.py"


def test_the_example_net_is_an_inception_resnet_on_digits(tmp_path):
    loaded = load_model(f"{EXAMPLE}:Net", "none", trust_code=True)
    assert loaded.info.family == "user" and (loaded.info.input.channels, *loaded.info.input.size) == (1, 28, 28)
    torch.save({"epoch": 1, "model_state_dict": loaded.module.state_dict()}, tmp_path / "net.pth")
    loaded = load_model(f"{EXAMPLE}:Net", tmp_path / "net.pth", trust_code=True)  # as a student saves it
    digit = next(p for p in sample_images() if p.stem.startswith("digit"))
    seen: dict[str, torch.Tensor] = {}
    hooks = [loaded.module.get_submodule(f"{b}.mix").register_forward_pre_hook(
        lambda m, args, b=b: seen.__setitem__(b, args[0].clone())) for b in ("block1", "block2")]
    with capture(loaded, load_image(digit, loaded.info)) as cap:
        kinds = {b.path: b.kind for b in cap.blocks}
        assert kinds == {"block1": "inception_residual", "block2": "inception_residual"}
        for block in ("block1", "block2"):
            branches = torch.cat([cap[f"{block}:branch{i}"] for i in range(3)], dim=1)
            assert torch.equal(branches, seen[block])
            assert torch.equal(cap[f"{block}:identity"] + cap[f"{block}:residual"], cap[f"{block}:sum"])
            assert torch.equal(torch.relu(cap[f"{block}:sum"]), cap[block])
    for hook in hooks:
        hook.remove()


def test_a_cnnviz_training_run_of_the_users_code_reopens_with_its_class_names(tmp_path):
    import pytest

    from cnnviz.core.errors import CnnvizError
    from cnnviz.core.models.weights import save_checkpoint

    trained = load_model(f"{EXAMPLE}:Net", "none", trust_code=True)
    ckpt = save_checkpoint(trained.module, "Net", tmp_path / "run.safetensors", class_names=[f"d{i}" for i in range(10)])
    with pytest.raises(CnnvizError, match=r"open it with --model FILE.py:Net --weights .*run.safetensors --trust-code"):
        load_model(ckpt)  # the checkpoint names 'Net', which only the user's file can build
    reopened = load_model(f"{EXAMPLE}:Net", ckpt, trust_code=True)
    assert reopened.info.class_names == tuple(f"d{i}" for i in range(10))
    assert all(torch.equal(a, b) for a, b in zip(reopened.module.state_dict().values(),
                                                 trained.module.state_dict().values()))
