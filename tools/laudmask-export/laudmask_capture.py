"""Forward hooks on the masker modules of a LAUDNet model, found by class name (formulation spec §7-§8).

Hook contract, per block:
- ``Masker_spatial``: output[0] is the decision grid (N, g, h, w) of 0/1 values;
- its ``.conv`` child: output is the logits (N, 2g, h, w), keep and skip halves;
- ``ExpandMask`` (one or more per block): the *input* of the first call is the upsampled grid, i.e. the
  conv2/conv3 mask; the largest output (ties: the last) is the conv1 mask at the block input resolution;
- ``Masker_channel_*``: output[0] is the group decisions (N, groups[, 1, 1]).
Hooks only record; they return nothing, so the model's outputs are untouched.
"""
import re

from laudmask_config import ExportError

RESNET_BLOCK = re.compile(r"(?:^|\.)layer(\d+)\.(\d+)(?:\.|$)")
REGNET_BLOCK = re.compile(r"(?:^|\.)block(\d+)-(\d+)(?:\.|$)")


def block_key_of(module_name):
    """'layer2.0.masker' -> 'stage2/0'; 'trunk_output.block1.block1-0.f.masker' -> 'stage1/0'."""
    match = RESNET_BLOCK.search(module_name) or REGNET_BLOCK.search(module_name)
    if not match:
        return None
    return f"stage{int(match.group(1))}/{int(match.group(2))}"


def _first(output):
    return output[0] if isinstance(output, (tuple, list)) else output


class MaskCapture:
    """Registers the hooks and collects one forward pass's masks per block key."""

    def __init__(self, model):
        self.records = {}
        self.modules = {}
        self.handles = []
        found = {"spatial": 0, "channel": 0}
        for name, module in model.named_modules():
            cls = type(module).__name__
            key = block_key_of(name)
            if cls == "Masker_spatial":
                if key is None:
                    raise ExportError(f"cannot tell which block the masker {name} belongs to")
                found["spatial"] += 1
                self.modules.setdefault(key, name)
                self._hook(module, key, "spatial", lambda out: _first(out))
                conv = getattr(module, "conv", None)
                if conv is not None:
                    self._hook(conv, key, "logit", lambda out: out)
            elif cls == "ExpandMask" and key is not None:
                self.handles.append(module.register_forward_hook(self._expand_hook(key)))
            elif cls.startswith("Masker_channel"):
                if key is None:
                    raise ExportError(f"cannot tell which block the masker {name} belongs to")
                found["channel"] += 1
                self.modules.setdefault(key, name)
                self._hook(module, key, "channel", lambda out: _first(out))
        self.found = found

    def _hook(self, module, key, field, pick):
        def hook(_module, _inputs, output):
            self.records.setdefault(key, {})[field] = pick(output).detach().cpu()

        self.handles.append(module.register_forward_hook(hook))

    def _expand_hook(self, key):
        def hook(_module, inputs, output):
            entry = self.records.setdefault(key, {})
            entry.setdefault("expand", []).append((inputs[0].detach().cpu(), _first(output).detach().cpu()))

        return hook

    def clear(self):
        self.records = {}

    def remove(self):
        for handle in self.handles:
            handle.remove()
        self.handles = []
