"""The set summary (``summary.npz``, format "laudmask-set", version 1) written beside the per-image dumps.

Streaming: per image one row of rates (5 × blocks float32) and per block running sums of the decision maps;
nothing per image is kept beyond its row, so 50,000 images need a few tens of MB. See README.md § Set summary.
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

SUMMARY_NAME = "summary.npz"
RATE_MEMBERS = ("spatial_rate", "conv1_rate", "conv2_rate", "channel_rate", "gate")


def _npy(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


ALIGN = 64
ALIGN_EXTRA_ID = 0xD935  # the padding extra field of Android's zipalign; zip readers skip it


def _write_aligned(archive, name, data):
    """Writes a stored member whose data starts on an ALIGN-byte boundary (padding in the extra field)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    start = archive.fp.tell() + 30 + len(name.encode("utf-8")) + 4
    pad = (-start) % ALIGN
    info.extra = struct.pack("<HH", ALIGN_EXTRA_ID, pad) + bytes(pad)
    archive.writestr(info, data)


def _rate(value):
    return np.nan if value is None else float(value)


class SetSummary:
    """Accumulates one row per image and the per-block sums of the decision maps."""

    def __init__(self, model):
        self.model = model
        self.blocks = None  # [{key, module, mode, spatial_shape, channel_shape}] from the first image
        self.rows = {}  # position -> (float32 [5, B], predicted, dump name, source)
        self.map_sums = {}
        self.channel_sums = {}

    def _start(self, manifest_blocks):
        self.blocks = []
        for b in manifest_blocks:
            stage = int(b["key"][len("stage"):].split("/")[0]) - 1
            self.blocks.append({
                "key": b["key"],
                "module": b.get("module", ""),
                "mode": self.model["dyn_mode"][stage],
                "spatial_shape": b.get("spatial_shape"),
                "channel_shape": b.get("channel_shape"),
            })

    def add(self, position, dump_name, source, manifest, arrays):
        """Adds an image from its dump manifest and arrays (name -> ndarray; only spatial/channel are read)."""
        if self.blocks is None:
            self._start(manifest["blocks"])
        row = np.full((len(RATE_MEMBERS), len(self.blocks)), np.nan, dtype=np.float32)
        for b, entry in enumerate(manifest["blocks"]):
            key = entry["key"]
            row[0, b] = _rate(entry.get("spatial_rate"))
            row[1, b] = _rate(entry.get("conv1_rate"))
            row[2, b] = _rate(entry.get("conv2_rate"))
            row[3, b] = _rate(entry.get("channel_rate"))
            if self.blocks[b]["mode"] == "layer":
                row[4, b] = row[0, b]
            grid = arrays.get(f"{key}/spatial")
            if grid is not None:
                total = self.map_sums.get(key)
                self.map_sums[key] = grid.astype(np.float64) if total is None else total + grid
            channel = arrays.get(f"{key}/channel")
            if channel is not None:
                total = self.channel_sums.get(key)
                self.channel_sums[key] = channel.astype(np.float64) if total is None else total + channel
        top = manifest.get("prediction", {}).get("top5_index") or [-1]
        self.rows[position] = (row, int(top[0]), dump_name, source)

    def write(self, path, labels_of, class_names):
        """Writes summary.npz atomically; rows in image order. ``labels_of(position)`` -> class index or -1."""
        positions = sorted(self.rows)
        n, b = len(positions), len(self.blocks or [])
        rates = np.full((len(RATE_MEMBERS), n, b), np.nan, dtype=np.float32)
        predicted = np.full(n, -1, dtype=np.int32)
        label = np.full(n, -1, dtype=np.int32)
        dumps, sources = [], []
        for i, position in enumerate(positions):
            row, top, dump_name, source = self.rows[position]
            rates[:, i, :] = row
            predicted[i] = top
            label[i] = labels_of(position)
            dumps.append(dump_name.replace(os.sep, "/"))
            sources.append(source.replace(os.sep, "/"))
        manifest = {
            "format": "laudmask-set",
            "version": 1,
            "model": self.model,
            "images": n,
            "blocks": self.blocks or [],
            "class_names": list(class_names),
            "dumps": dumps,
            "sources": sources,
        }
        members = {name: rates[k] for k, name in enumerate(RATE_MEMBERS)}
        members["predicted"] = predicted
        members["label"] = label
        for key, total in self.map_sums.items():
            members[f"mean_map/{key}"] = (total / max(n, 1)).astype(np.float32)
        for key, total in self.channel_sums.items():
            members[f"mean_channel/{key}"] = (total / max(n, 1)).astype(np.float32)
        manifest["arrays"] = {name: {"dtype": a.dtype.str, "shape": list(a.shape)} for name, a in members.items()}
        tmp = f"{path}.tmp-{os.getpid()}"
        try:
            # Stored and 64-byte aligned: the app views the arrays in place, without inflating or copying.
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
                _write_aligned(archive, "manifest.json", json.dumps(manifest).encode("utf-8"))
                for name, array in members.items():
                    _write_aligned(archive, f"{name}.npy", _npy(array))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        return n


def read_existing_dump(path, model, sha256):
    """(manifest, arrays) of a dump a previous run wrote for the same model and image, else None.

    Used to resume: such a dump is kept as it is and only enters the summary.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            if manifest.get("model") != model or manifest.get("input", {}).get("sha256") != sha256:
                return None
            arrays = {}
            for name in archive.namelist():
                if name.endswith(("/spatial.npy", "/channel.npy")):
                    arrays[name[: -len(".npy")]] = np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
            return manifest, arrays
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
