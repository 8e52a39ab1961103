"""A tiny stand-in for a LAUDNet checkout's ``models`` package, written for this project's tests.

It is NOT LAUDNet: 8-channel features instead of real widths, no training code. It only follows the
contract the exporter relies on (formulation spec §8): the builder names and keyword arguments, the
module class names (Masker_spatial with a .conv, ExpandMask, Masker_channel_MLP), module paths
(layerS.B for ResNets, trunk_output.blockS.blockS-B.f for RegNets), ``model(x, temperature)`` returning
the 7-tuple, and channel maskers sized from the real bottleneck widths so dumps have real shapes.
"""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

FEATURES = 8


class Masker_spatial(nn.Module):
    """Pools the block input to the decision grid, 1x1 conv to (keep, skip) logits per group."""

    def __init__(self, in_channels, groups):
        super().__init__()
        self.groups = groups
        self.conv = nn.Conv2d(in_channels, 2 * groups, kernel_size=1)
        # Like the reference, a fresh masker is biased towards "keep".
        nn.init.constant_(self.conv.bias[:groups], 3.0)
        nn.init.constant_(self.conv.bias[groups:], 0.0)

    def forward(self, x, temperature, side):
        logits = self.conv(F.adaptive_avg_pool2d(x, side))
        keep, skip = logits[:, : self.groups], logits[:, self.groups :]
        if self.training:
            noise = -torch.log(-torch.log(torch.rand_like(keep).clamp(1e-6, 1 - 1e-6)))
            keep = (keep + noise) / temperature
        mask = (keep >= skip).float()
        return mask, mask.mean()


class ExpandMask(nn.Module):
    """Maps an output-resolution mask to the positions a 3x3 conv of this stride reads (bool)."""

    def __init__(self, stride, padding=1):
        super().__init__()
        self.stride = stride
        self.padding = padding

    def forward(self, mask):
        if self.stride > 1:
            n, g, h, w = mask.shape
            placed = mask.new_zeros(n, g, h * self.stride, w * self.stride)
            placed[:, :, :: self.stride, :: self.stride] = mask
            mask = placed
        return F.max_pool2d(mask, 2 * self.padding + 1, 1, self.padding) > 0.5


class Masker_channel_MLP(nn.Module):
    def __init__(self, in_channels, groups, reduction=16):
        super().__init__()
        hidden = max(groups // reduction, 16)
        self.groups = groups
        self.fc1 = nn.Linear(in_channels, hidden)
        self.fc2 = nn.Linear(hidden, 2 * groups)

    def forward(self, x, temperature):
        logits = self.fc2(F.relu(self.fc1(x.mean((2, 3)))))
        mask = (logits[:, : self.groups] >= logits[:, self.groups :]).float()
        return mask, mask.mean()


class Block(nn.Module):
    def __init__(self, stride, mode, granularity, width, channel_granularity, groups, name):
        super().__init__()
        print(f"building {name}: mode {mode}, S {granularity}, stride {stride}")
        self.stride = stride
        self.mode = mode
        self.granularity = granularity
        self.conv1 = nn.Conv2d(FEATURES, FEATURES, 1)
        self.conv2 = nn.Conv2d(FEATURES, FEATURES, 3, stride, 1)
        self.conv3 = nn.Conv2d(FEATURES, FEATURES, 1)
        self.shortcut = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        if mode in ("spatial", "layer", "both"):
            self.masker = Masker_spatial(FEATURES, groups)
            self.mask_expander2 = ExpandMask(1)
            self.mask_expander1 = ExpandMask(stride)
        if mode in ("channel", "both"):
            self.channel_masker = Masker_channel_MLP(FEATURES, width // channel_granularity)

    def forward(self, x, temperature):
        # int(): a fixed size, like the reference model's input_size-derived sizes (traceable to ONNX).
        out_side = int(x.shape[-1]) // self.stride
        y = self.conv3(F.relu(self.conv2(F.relu(self.conv1(x)))))
        rates = {"conv3": y.new_ones(()), "conv2": y.new_ones(()), "conv1": y.new_ones(()), "channel": y.new_ones(())}
        if hasattr(self, "masker"):
            side = 1 if self.mode == "layer" else out_side // self.granularity
            grid, _ = self.masker(x, temperature, side)
            mask3 = F.interpolate(grid, size=(out_side, out_side), mode="nearest")
            self.mask_expander2(mask3)
            mask1 = self.mask_expander1(mask3)
            y = y * mask3[:, :1]
            rates.update(conv3=mask3.mean(), conv2=mask3.mean(), conv1=mask1.float().mean())
        if hasattr(self, "channel_masker"):
            channel, rate = self.channel_masker(x, temperature)
            rates["channel"] = rate
        return F.relu(y + self.shortcut(x)), rates


class TinyLaudNet(nn.Module):
    def __init__(self, blocks, widths, first_strides, stem_stride, regnet, dyn_mode, mask_spatial_granularity,
                 spatial_mask_channel_group, channel_dyn_granularity, **_ignored):
        super().__init__()
        self.stem = nn.Conv2d(3, FEATURES, kernel_size=stem_stride, stride=stem_stride)
        self.stages = []
        for s in range(4):
            made = []
            for b in range(blocks[s]):
                block = Block(first_strides[s] if b == 0 else 1, dyn_mode[s], mask_spatial_granularity[s], widths[s],
                              channel_dyn_granularity[s], spatial_mask_channel_group[s], f"stage{s + 1}/{b}")
                made.append(block)
            self.stages.append(made)
        if regnet:
            # trunk_output.blockS.blockS-B.f, like torchvision-style RegNets.
            wrapped = OrderedDict()
            for s, made in enumerate(self.stages):
                wrapped[f"block{s + 1}"] = nn.Sequential(
                    OrderedDict((f"block{s + 1}-{b}", _Wrap(m)) for b, m in enumerate(made))
                )
            self.trunk_output = nn.Sequential(wrapped)
        else:
            for s, made in enumerate(self.stages):
                setattr(self, f"layer{s + 1}", nn.ModuleList(made))
        self.fc = nn.Linear(FEATURES, 1000)

    def forward(self, x, temperature):
        x = F.relu(self.stem(x))
        conv3, conv2, conv1, channel, per_block = [], [], [], [], []
        for made in self.stages:
            rates = []
            for block in made:
                x, r = block(x, temperature)
                rates.append(r)
                per_block.append(r["conv3"])
            conv3.append(torch.stack([r["conv3"] for r in rates]))
            conv2.append(torch.stack([r["conv2"] for r in rates]))
            conv1.append(torch.stack([r["conv1"] for r in rates]))
            channel.append(torch.stack([r["channel"] for r in rates]))
        logits = self.fc(x.mean((2, 3)))
        flops_perc = torch.stack(per_block)
        return logits, conv3, conv2, conv1, channel, flops_perc, flops_perc.mean()


class _Wrap(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.f = block


def _check(kwargs):
    if kwargs.get("input_size", 224) != 224:
        raise ValueError("this test model only supports input_size=224")


def uni_resnet50(**kwargs):
    _check(kwargs)
    return TinyLaudNet([3, 4, 6, 3], [64, 128, 256, 512], [1, 2, 2, 2], 4, False, **kwargs)


def uni_resnet101(**kwargs):
    _check(kwargs)
    return TinyLaudNet([3, 4, 23, 3], [64, 128, 256, 512], [1, 2, 2, 2], 4, False, **kwargs)


def lad_regnet_y_400mf(**kwargs):
    _check(kwargs)
    return TinyLaudNet([1, 3, 6, 6], [48, 104, 208, 440], [2, 2, 2, 2], 2, True, **kwargs)
