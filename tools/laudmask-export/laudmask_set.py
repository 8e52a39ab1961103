"""Exporting a list of images: DataLoader batches, hooks, one dump per image, the set summary, resuming.

A dump that a previous run wrote for the same model and the same image (same SHA-256) is kept and only
enters the summary, so an interrupted run picks up where it stopped and a second run exports nothing.
"""
import hashlib
import os
import sys
import time

from laudmask_config import ExportError
from laudmask_images import ImageDataset, collate, dump_paths
from laudmask_summary import SUMMARY_NAME, SetSummary, read_existing_dump


def warn(message):
    print(f"laudmask-export: warning: {message}", file=sys.stderr)


def progress(message):
    print(f"laudmask-export: {message}", file=sys.stderr, flush=True)


def model_block(config, args, weights):
    """The manifest's ``model`` entry (identical in every dump of a run and in the summary)."""
    return {
        "arch": config["arch"],
        "dyn_mode": list(config["dyn_mode"]),
        "mask_spatial_granularity": list(config["mask_spatial_granularity"]),
        "channel_dyn_granularity": list(config["channel_dyn_granularity"]),
        "spatial_mask_channel_group": list(config["mask_channel_group"]),
        "checkpoint": os.path.basename(args.checkpoint) if args.checkpoint else None,
        "weights": weights,
    }


def sample_records(records, j):
    """The hook records of sample ``j`` of a batch, each tensor kept with a batch dimension of 1."""
    out = {}
    for key, record in records.items():
        out[key] = {
            field: [(i[j : j + 1], o[j : j + 1]) for i, o in value] if field == "expand" else value[j : j + 1]
            for field, value in record.items()
        }
    return out


def build_dump(config, records, modules, logits, input_entry, model):
    """(manifest, arrays) of one image from its hook records and its logits [classes]."""
    import torch

    from laudmask_dump import channel_array, spatial_arrays

    probs = torch.softmax(logits.float(), dim=0)
    top = torch.topk(probs, k=min(5, probs.numel()))
    arrays, blocks = {}, []
    keys = sorted(records, key=lambda k: tuple(int(p) for p in k[len("stage"):].split("/")))
    for key in keys:
        record = records[key]
        stage = int(key[len("stage"):].split("/")[0]) - 1
        mode = config["dyn_mode"][stage]
        entry = {"key": key, "module": modules.get(key, ""), "spatial_shape": None, "spatial_rate": None,
                 "conv2_rate": None, "conv1_rate": None, "channel_shape": None, "channel_rate": None}
        if mode in ("spatial", "layer", "both"):
            spatial = spatial_arrays(key, record, config["mask_spatial_granularity"][stage], warn)
            for kind, array in spatial.items():
                arrays[f"{key}/{kind}"] = array
            entry.update(spatial_shape=list(spatial["spatial"].shape), spatial_rate=float(spatial["spatial"].mean()),
                         conv2_rate=float(spatial["conv2"].mean()), conv1_rate=float(spatial["conv1"].mean()))
        if mode in ("channel", "both"):
            channel = channel_array(key, record)
            arrays[f"{key}/channel"] = channel
            entry.update(channel_shape=list(channel.shape), channel_rate=float(channel.mean()))
        blocks.append(entry)
    manifest = {
        "format": "laudmask",
        "version": 1,
        "model": model,
        "input": input_entry,
        "prediction": {"top5_index": [int(i) for i in top.indices], "top5_prob": [float(p) for p in top.values]},
        "blocks": blocks,
    }
    return manifest, arrays


def mean_rate(manifest):
    rates = [b["spatial_rate"] if b["spatial_rate"] is not None else b["channel_rate"] for b in manifest["blocks"]]
    return sum(rates) / len(rates) if rates else float("nan")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_set(model, capture, config, items, class_names, args, weights):
    """Exports every image (skipping those already dumped), then writes the summary. Returns the failures."""
    import torch

    from laudmask_dump import write_dump

    block = model_block(config, args, weights)
    names = dump_paths(items)
    summary = SetSummary(block)
    todo, skipped = [], 0
    for position, item in enumerate(items):
        out_path = os.path.join(args.out, names[position])
        existing = None
        if os.path.exists(out_path):
            try:
                existing = read_existing_dump(out_path, block, _sha256(item.path))
            except OSError:
                existing = None
        if existing is None:
            todo.append(position)
        else:
            summary.add(position, names[position], item.rel, *existing)
            skipped += 1
    if skipped:
        progress(f"{skipped} of {len(items)} images already dumped by a previous run: kept")
    loader = torch.utils.data.DataLoader(
        ImageDataset(items, todo), batch_size=args.batch_size, num_workers=args.workers, collate_fn=collate
    )
    done, failures, started = 0, 0, time.monotonic()
    for batch in loader:
        for position, error in batch["errors"]:
            failures += 1
            print(f"laudmask-export: error: {error}", file=sys.stderr)
        if batch["tensor"] is not None:
            capture.clear()
            with torch.no_grad():
                output = model(batch["tensor"].to(args.device), args.temperature)
            logits = (output[0] if isinstance(output, (tuple, list)) else output).detach().cpu()
            records = capture.records
            for j, position in enumerate(batch["positions"]):
                item, name = items[position], names[position]
                out_path = os.path.join(args.out, name)
                try:
                    manifest, arrays = build_dump(
                        config, sample_records(records, j), capture.modules, logits[j], batch["entries"][j], block
                    )
                    os.makedirs(os.path.dirname(out_path) or ".", exist_ok=True)
                    write_dump(out_path, manifest, arrays, batch["pngs"][j])
                except ExportError as exc:
                    failures += 1
                    print(f"laudmask-export: error: {item.rel}: {exc}", file=sys.stderr)
                    continue
                summary.add(position, name, item.rel, manifest, arrays)
                print(f"{item.rel} -> {out_path} ({len(manifest['blocks'])} blocks, mean rate {mean_rate(manifest):.3f})")
        done += len(batch["positions"]) + len(batch["errors"])
        rate = done / max(time.monotonic() - started, 1e-9)
        progress(f"{skipped + done}/{len(items)} images ({skipped} kept, {failures} failed, {rate:.1f} images/s)")
    class_index = {name: i for i, name in enumerate(class_names)}
    labels = {p: class_index.get(it.class_name, -1) for p, it in enumerate(items)}
    path = os.path.join(args.out, SUMMARY_NAME)
    if not summary.rows:
        progress(f"0 exported, 0 kept, {failures} failed; no summary written (no image could be exported)")
        return failures
    written = summary.write(path, lambda p: labels[p], class_names)
    progress(f"{len(todo) - failures} exported, {skipped} kept, {failures} failed; summary of {written} images: {path}")
    return failures
