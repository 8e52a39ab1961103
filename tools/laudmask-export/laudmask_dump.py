"""Preprocessing of one image and writing of one ``.laudmask.npz`` (formulation spec §7)."""
import hashlib
import io
import json
import os
import zipfile

import numpy as np
import torch

from laudmask_config import ExportError

RESIZE_SHORT = 256
CROP = 224
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def preprocess(path):
    """Resize the shorter side to 256, centre-crop 224, ImageNet-normalise (torchvision's recipe).

    Returns (input tensor [1, 3, 224, 224], PNG bytes of the crop, the manifest's ``input`` entry).
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with open(path, "rb") as f:
            data = f.read()
        image = Image.open(io.BytesIO(data))
        image.load()
        image = image.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        raise ExportError(f"cannot read image {path}: {exc}") from None
    width, height = image.size
    short, long = min(width, height), max(width, height)
    new_long = int(RESIZE_SHORT * long / short)
    new_w, new_h = (RESIZE_SHORT, new_long) if width <= height else (new_long, RESIZE_SHORT)
    bilinear = getattr(Image, "Resampling", Image).BILINEAR
    resized = image.resize((new_w, new_h), bilinear)
    left = int(round((new_w - CROP) / 2.0))
    top = int(round((new_h - CROP) / 2.0))
    crop = resized.crop((left, top, left + CROP, top + CROP))
    pixels = np.asarray(crop, dtype=np.float32) / 255.0
    pixels = (pixels - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    tensor = torch.from_numpy(np.ascontiguousarray(pixels.transpose(2, 0, 1))).unsqueeze(0)
    png = io.BytesIO()
    crop.save(png, format="PNG", compress_level=1)  # fast; the size matters little
    sx, sy = new_w / width, new_h / height
    entry = {
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": CROP,
        "orig_size": [width, height],
        "crop_box": [left / sx, top / sy, (left + CROP) / sx, (top + CROP) / sy],
        "normalize": {"mean": list(MEAN), "std": list(STD)},
    }
    return tensor, png.getvalue(), entry


def _as_chw(t):
    """Drops nothing but guarantees (g, h, w): a gate () or (1,) becomes (1, 1, 1)."""
    if t.dim() == 0:
        return t.reshape(1, 1, 1)
    if t.dim() == 1:
        return t.reshape(-1, 1, 1)
    if t.dim() == 2:
        return t.unsqueeze(0)
    return t.reshape(-1, t.shape[-2], t.shape[-1])


def _binary(t):
    return (t.float() > 0.5).to(torch.uint8).numpy()


def spatial_arrays(key, record, granularity, warn):
    """Grid, keep-skip logits, conv2 and conv1 masks of one block from its hook record."""
    if "spatial" not in record:
        raise ExportError(f"{key}: its Masker_spatial did not run during the forward pass")
    grid_t = _as_chw(record["spatial"][0]).float()
    grid = _binary(grid_t)
    groups, rows = grid.shape[0], grid.shape[1]
    logit = np.full(grid.shape, np.nan, dtype=np.float32)
    if "logit" in record:
        raw = record["logit"][0].float()
        raw = raw.reshape(-1, raw.shape[-2], raw.shape[-1]) if raw.dim() >= 2 else raw.reshape(-1, 1, 1)
        if raw.shape[0] == 2 * groups and tuple(raw.shape[1:]) == grid.shape[1:]:
            diff = (raw[:groups] - raw[groups:]).numpy()
            # Which half is "keep" is the model's convention: take the sign that agrees with the decisions.
            if np.mean((diff >= 0) == (grid == 1)) < 0.5:
                diff = -diff
            logit = diff
        else:
            warn(f"{key}: masker logits have shape {tuple(raw.shape)}, not (2·{groups}, {rows}, {rows}); writing NaN")
    else:
        warn(f"{key}: its Masker_spatial has no .conv; logits written as NaN")
    out_res = rows * granularity
    expands = record.get("expand", [])
    conv2_candidates = [inp for inp, _ in expands if inp.shape[-1] == out_res]
    if conv2_candidates:
        conv2 = _binary(_as_chw(conv2_candidates[0][0]))
    else:
        warn(f"{key}: no ExpandMask input at {out_res}×{out_res}; conv2 mask upsampled from the grid")
        conv2 = np.repeat(np.repeat(grid, granularity, axis=1), granularity, axis=2)
    if not expands:
        raise ExportError(f"{key}: no ExpandMask ran in this block, so its conv1 mask is unknown")
    conv1_t = None
    for _, out in expands:
        if conv1_t is None or out.shape[-1] >= conv1_t.shape[-1]:
            conv1_t = out
    conv1 = _binary(_as_chw(conv1_t[0]))
    return {
        "spatial": grid,
        "spatial_logit": logit.astype(np.float16),
        "conv2": conv2.astype(np.uint8),
        "conv1": conv1,
    }


def channel_array(key, record):
    if "channel" not in record:
        raise ExportError(f"{key}: its channel masker did not run during the forward pass")
    return _binary(record["channel"][0].reshape(-1))


def _npy(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def write_dump(path, manifest, arrays, png):
    """Writes the npz atomically (temp file + rename): an interrupted run never leaves half a dump."""
    manifest = dict(manifest)
    manifest["arrays"] = {name: {"dtype": str(a.dtype), "shape": list(a.shape)} for name, a in arrays.items()}
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
            archive.writestr("image.png", png, compress_type=zipfile.ZIP_STORED)
            for name, array in arrays.items():
                archive.writestr(f"{name}.npy", _npy(array))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
