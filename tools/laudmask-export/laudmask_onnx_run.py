"""``--onnx``: probe the model once, trace the mask wrapper, write the ONNX, and (``--check-images``) report
how the traced graph's masks agree with the PyTorch hooks, cell for cell, on real images.

onnxruntime for Python is not required: the ONNX graph is the traced graph, so the check runs the traced
module. When onnxruntime is importable the ONNX file itself is checked too; otherwise
``laudnet masks run --model M.onnx --images DIR --check DUMPS`` (onnxruntime in Node) does that part.
"""
import sys

from laudmask_config import ExportError
from laudmask_onnx import (export_onnx, install_tracing_fixes, live_metadata, make_wrapper, output_names,
                           plan_outputs)


def progress(message):
    print(f"laudmask-export: {message}", file=sys.stderr, flush=True)


def preprocessing_entry():
    from laudmask_dump import CROP, MEAN, RESIZE_SHORT, STD

    return {
        "size": CROP,
        "resize_shorter": RESIZE_SHORT,
        "crop": CROP,
        "resample": "pil-bilinear",
        "crop_offset_rounding": "half-even",
        "color": "RGB",
        "exif_orientation": "ignored",
        "scale": 1 / 255,
        "mean": list(MEAN),
        "std": list(STD),
        "layout": "NCHW",
    }


def _probe_input(items, device):
    """The first image's network input, or a fixed pseudo-random one when there are no images."""
    import torch

    from laudmask_dump import CROP, preprocess

    for item in items:
        try:
            return preprocess(item.path)[0].to(device)
        except ExportError:
            continue
    generator = torch.Generator().manual_seed(0)
    return torch.randn(1, 3, CROP, CROP, generator=generator).to(device)


def write_onnx(model, capture, config, args, block, probe_items):
    """Writes ``args.onnx``; checks ``args.check_images``. Returns the number of disagreeing images."""
    import torch

    handles = install_tracing_fixes(model)
    try:
        example = _probe_input(probe_items, args.device)
        capture.clear()
        with torch.no_grad():
            model(example, args.temperature)
        plan = plan_outputs(config, capture.records)
        if not plan:
            raise ExportError("no masker ran during the forward pass: nothing to export")
        wrapper = make_wrapper(model, capture, config, plan, args.temperature)
        names = output_names(plan)
        metadata = live_metadata(block, config, plan, capture.modules, args.temperature, args.fp16,
                                 preprocessing_entry())
        size = export_onnx(args.onnx, wrapper, example, names, metadata, args.fp16)
        weights = "float16" if args.fp16 else "float32"
        progress(f"ONNX written: {args.onnx} ({size / 1e6:.2f} MB, {weights} weights, {len(names)} outputs, "
                 f"{len(plan)} blocks)")
        if not args.check_images:
            return 0
        return check_images(model, capture, config, wrapper, plan, names, example, args, block)
    finally:
        for handle in handles:
            handle.remove()


def check_images(model, capture, config, wrapper, plan, names, example, args, block):
    """Traced graph vs hooks on every image of ``--check-images``: masks cell for cell, scores, logits."""
    import numpy as np
    import torch

    from laudmask_dump import preprocess
    from laudmask_images import list_images
    from laudmask_set import build_dump

    items, _ = list_images(args.check_images)
    with torch.no_grad():
        traced = torch.jit.trace(wrapper, (example,), check_trace=False)
    ort = _onnxruntime_session(args.onnx)
    bad_images, cells, differing, worst_score, worst_logit = 0, 0, 0, 0.0, 0.0
    for item in items:
        try:
            tensor, _png, entry = preprocess(item.path)
        except ExportError as exc:
            progress(f"check: skipped: {exc}")
            continue
        tensor = tensor.to(args.device)
        capture.clear()
        with torch.no_grad():
            logits = model(tensor, args.temperature)[0]
        _manifest, arrays = build_dump(config, capture.records, capture.modules, logits[0].cpu(), entry, block)
        with torch.no_grad():
            runs = [("traced graph", [t.cpu().numpy() for t in traced(tensor)])]
        if ort is not None:
            runs.append(("onnxruntime", ort.run(None, {"input": tensor.cpu().numpy()})))
        for label, outputs in runs:
            wrong = []
            for name, value in zip(names[1:], outputs[1:]):
                expected = arrays[name]
                got = np.asarray(value)[0]
                if name.endswith("/spatial_logit"):
                    worst_score = max(worst_score, float(np.max(np.abs(got - expected.astype(np.float32)))))
                    continue
                got = got.reshape(expected.shape)
                cells += expected.size
                miss = int(np.sum(got != expected))
                differing += miss
                if miss:
                    wrong.append(f"{name} ({miss} of {expected.size} cells)")
            ref = logits[0].cpu().numpy()
            worst_logit = max(worst_logit, float(np.max(np.abs(np.asarray(outputs[0])[0] - ref)) /
                                                 max(float(np.max(np.abs(ref))), 1e-12)))
            if wrong:
                bad_images += 1
                progress(f"check: {item.rel} ({label}): masks differ from the hooks: {', '.join(wrong[:5])}")
    where = "the traced graph" + (" and onnxruntime" if ort is not None else "")
    progress(f"check: {len(items)} images, {cells} mask cells compared ({where} vs PyTorch hooks): "
             f"{differing} differ; {bad_images} image runs with a difference; soft scores within "
             f"{worst_score:.3g} of the dump's float16 values; logits within {worst_logit:.3g} relative")
    if ort is None:
        progress("check: onnxruntime for Python is not installed, so the ONNX file itself was not run; "
                 "check it with: laudnet masks run --model M.onnx --images DIR --check DUMP_DIR")
    return bad_images


def _onnxruntime_session(path):
    try:
        import onnxruntime  # noqa: PLC0415 - optional
    except ImportError:
        return None
    return onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
