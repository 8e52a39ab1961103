"""Writes a checkpoint of the fake LAUDNet test model, shaped like the reference training script's:
{'state_dict': ..., 'hyper_set': str(argparse.Namespace(...))}, with maskers re-initialised so that the
masks are neither all-keep nor all-skip. Usage: make_checkpoint.py REPO OUT.pth ARCH DYN_MODE S G
"""
import argparse
import contextlib
import io
import os
import sys

import torch


def main():
    repo, out, arch, dyn_mode, granularity, channel = sys.argv[1:7]
    sys.path.insert(0, os.path.join(repo, "imagenet_classification"))
    import models

    hyper = argparse.Namespace(
        arch=arch, dyn_mode=dyn_mode, mask_spatial_granularity=granularity, channel_dyn_granularity=channel,
        mask_channel_group="1-1-1-1", channel_masker="MLP-MLP-MLP-MLP", channel_masker_layers="2-2-2-2",
        channel_masker_reduction="16-16-16-16", target_rate=0.5, lr=0.1, optimizer=None,
    )
    torch.manual_seed(1)
    with contextlib.redirect_stdout(io.StringIO()):  # the builders print one line per block
        model = getattr(models, arch)(
            input_size=224, dyn_mode=dyn_mode.split("-"),
            mask_spatial_granularity=[int(v) for v in granularity.split("-")],
            spatial_mask_channel_group=[1] * 4, channel_dyn_granularity=[int(v) for v in channel.split("-")],
            channel_masker=["MLP"] * 4, channel_masker_layers=[2] * 4, reduction_ratio=[16] * 4,
        )
    for name, module in model.named_modules():
        if type(module).__name__ == "Masker_spatial":
            torch.nn.init.normal_(module.conv.weight, std=2.0)
            torch.nn.init.zeros_(module.conv.bias)
    # DataParallel-style prefix, which the exporter must strip.
    state = {f"module.{k}": v for k, v in model.state_dict().items()}
    torch.save({"state_dict": state, "hyper_set": str(hyper), "epoch": 90}, out)


if __name__ == "__main__":
    main()
