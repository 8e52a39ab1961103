#!/usr/bin/env python3
"""Export real LAUDNet masks as ``.laudmask.npz`` dumps for LAUDNet Studio.

Imports the model code of the user's own LAUDNet checkout (never shipped with this project), rebuilds the
configuration from the checkpoint's hyper_set (or flags), hooks the masker modules by class name, runs
each image through the network in eval mode and writes one dump per image. See README.md.
"""
import argparse
import contextlib
import io
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from laudmask_config import ExportError, builder_kwargs, parse_hyper_set, resolve_config  # noqa: E402
from laudmask_images import list_images  # noqa: E402
from laudmask_set import export_set  # noqa: E402



def warn(message):
    print(f"laudmask-export: warning: {message}", file=sys.stderr)


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive integer, got {text}")
    return value


def parse_args(argv):
    p = argparse.ArgumentParser(prog="export.py", description="Export LAUDNet masks as .laudmask.npz dumps.")
    p.add_argument("--repo", required=True, help="path to your LAUDNet checkout")
    p.add_argument("--images",
                   help="image file, flat folder, or ImageFolder tree (first-level folders = classes)")
    p.add_argument("--out", help="output folder of the dumps (created if missing; needed with --images)")
    p.add_argument("--onnx", metavar="OUT.onnx",
                   help="also write the model as ONNX with its masks as outputs (formulation spec §9)")
    p.add_argument("--fp16", action="store_true", help="with --onnx: store the weights as float16")
    p.add_argument("--check-images", metavar="DIR",
                   help="with --onnx: report how the exported masks agree with the PyTorch hooks on these images")
    p.add_argument("--checkpoint", help="checkpoint with state_dict and hyper_set; omit to test the pipeline")
    p.add_argument("--arch", help="uni_resnet50, uni_resnet101, lad_regnet_y_400mf, ...")
    p.add_argument("--dyn-mode", help="per stage: spatial|channel|layer|both, e.g. spatial-spatial-spatial-spatial")
    p.add_argument("--granularity", help="spatial granularity S per stage, e.g. 4-4-2-1")
    p.add_argument("--channel-granularity", help="channel group size G per stage, e.g. 2-2-2-2")
    p.add_argument("--mask-channel-group", help="spatial mask channel groups per stage (default 1-1-1-1)")
    p.add_argument("--temperature", type=float, default=0.1, help="Gumbel temperature argument (eval: unused)")
    p.add_argument("--device", default="cpu", help="torch device (default cpu)")
    p.add_argument("--batch-size", type=_positive, default=16, help="images per forward pass (default 16)")
    p.add_argument("--workers", type=_non_negative, default=2,
                   help="DataLoader worker processes that read and preprocess images (default 2; 0 = none)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random initialisation without --checkpoint")
    args = p.parse_args(argv)
    if not args.images and not args.onnx:
        p.error("give --images (and --out) to write dumps, --onnx to write the model, or both")
    if args.images and not args.out:
        p.error("--images needs --out (the folder of the dumps)")
    if (args.fp16 or args.check_images) and not args.onnx:
        p.error("--fp16 and --check-images go with --onnx")
    return args


def import_models(repo):
    package = os.path.join(repo, "imagenet_classification", "models")
    if not os.path.isdir(repo):
        raise ExportError(f"--repo {repo} is not a folder")
    if not os.path.isfile(os.path.join(package, "__init__.py")):
        raise ExportError(
            f"{repo} does not look like a LAUDNet checkout: imagenet_classification/models/__init__.py is missing"
        )
    sys.path.insert(0, os.path.join(repo, "imagenet_classification"))
    sys.modules.pop("models", None)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import models  # noqa: PLC0415 - the user's package, found via the path above
    except Exception as exc:  # any error in their code: report it, with its last frame
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        raise ExportError(f"importing the model code from {package} failed: {detail}") from None
    return models


def load_checkpoint(path):
    import torch

    try:
        checkpoint = torch.load(path, map_location="cpu")
    except Exception as exc:
        raise ExportError(f"cannot load checkpoint {path}: {exc}") from None
    if isinstance(checkpoint, dict) and "state_dict" in checkpoint:
        state = checkpoint["state_dict"]
        hyper = parse_hyper_set(checkpoint["hyper_set"]) if checkpoint.get("hyper_set") is not None else {}
    elif isinstance(checkpoint, dict):
        state, hyper = checkpoint, {}
    else:
        raise ExportError(f"{path} holds no state_dict")
    state = {(k[len("module."):] if k.startswith("module.") else k): v for k, v in state.items()}
    return state, hyper


def build_model(models, config):
    arch = config["arch"]
    builder = getattr(models, arch, None)
    if not callable(builder):
        names = sorted(n for n in dir(models) if n.startswith(("uni_", "lad_")) and callable(getattr(models, n)))
        raise ExportError(f"unknown --arch {arch!r}: the checkout provides {', '.join(names) or 'no builders'}")
    try:
        # The reference builders print one line per block: keep our stdout readable.
        with contextlib.redirect_stdout(io.StringIO()):
            return builder(**builder_kwargs(config))
    except Exception as exc:
        raise ExportError(f"building {arch} failed: {exc}") from None


def run(args):
    try:
        import torch
    except ImportError:
        raise ExportError("PyTorch is not installed for this Python (try: apt install python3-torch)") from None
    from laudmask_capture import MaskCapture

    models = import_models(os.path.abspath(args.repo))
    state, hyper = (None, {})
    if args.checkpoint:
        state, hyper = load_checkpoint(args.checkpoint)
    config = resolve_config(args, hyper, warn)
    items, class_names = list_images(args.images) if args.images else ([], [])
    torch.manual_seed(args.seed)
    model = build_model(models, config)
    if state is not None:
        try:
            model.load_state_dict(state, strict=True)
        except RuntimeError as exc:
            first = str(exc).splitlines()[0:3]
            raise ExportError(f"the checkpoint does not fit {config['arch']} as configured: {' '.join(first)}") from None
        weights = "checkpoint"
    else:
        weights = "random-init"
        bar = "!" * 78
        print(f"{bar}\n!! NO --checkpoint: running a RANDOMLY INITIALISED {config['arch']}.\n"
              f"!! Its masks only test the export pipeline and MEAN NOTHING (manifest weights: random-init).\n{bar}",
              file=sys.stderr)
    model.to(args.device).eval()
    capture = MaskCapture(model)
    if capture.found["spatial"] == 0 and capture.found["channel"] == 0:
        raise ExportError(f"{config['arch']} has no Masker_spatial or Masker_channel_* modules: is it a LAUDNet model?")
    failures = 0
    if items:
        os.makedirs(args.out, exist_ok=True)
        failures = export_set(model, capture, config, items, class_names, args, weights)
    if args.onnx:
        from laudmask_onnx_run import write_onnx
        from laudmask_set import model_block

        check_items = list_images(args.check_images)[0] if args.check_images else []
        disagreeing = write_onnx(model, capture, config, args, model_block(config, args, weights),
                                 items or check_items)
        if disagreeing:
            raise ExportError(f"the exported masks differ from the PyTorch hooks on {disagreeing} image runs")
    capture.remove()
    if failures:
        raise ExportError(f"{failures} of {len(items)} images failed")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        run(args)
    except ExportError as exc:
        print(f"laudmask-export: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
