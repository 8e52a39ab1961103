"""Finding the images of a run (ImageFolder layout or a flat folder) and loading them through a DataLoader.

Class labels follow torchvision's ImageFolder: the sorted names of the first-level folders that hold images
(at any depth below them); an image directly in the top folder has no label (-1). A flat folder or a single
file gives no labels at all.
"""
import os

from laudmask_config import ExportError

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".bmp")


class ImageItem:
    """One image to export: where it is, its path relative to ``--images``, its class (or None)."""

    __slots__ = ("path", "rel", "class_name")

    def __init__(self, path, rel, class_name):
        self.path = path
        self.rel = rel
        self.class_name = class_name


def list_images(root):
    """Returns (items, class_names): every image below ``root`` in a stable (sorted) order."""
    if os.path.isfile(root):
        return [ImageItem(root, os.path.basename(root), None)], []
    if not os.path.isdir(root):
        raise ExportError(f"--images {root} is neither a folder nor a file")
    items = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel_folder = os.path.relpath(folder, root)
        top = None if rel_folder == "." else rel_folder.split(os.sep)[0]
        for name in sorted(files):
            if name.lower().endswith(IMAGE_EXTENSIONS) and not name.startswith("."):
                rel = name if top is None else os.path.join(rel_folder, name)
                items.append(ImageItem(os.path.join(folder, name), rel, top))
    if not items:
        raise ExportError(f"no images ({', '.join(IMAGE_EXTENSIONS)}) in {root} or its folders")
    items.sort(key=lambda it: it.rel.split(os.sep))
    class_names = sorted({it.class_name for it in items if it.class_name is not None})
    return items, class_names


def dump_paths(items):
    """Dump path per image, relative to ``--out``: the image's folder mirrored, ``<stem>.laudmask.npz``.

    Two images of one folder with the same stem (dog.jpg, dog.png) keep their extension in the name.
    """
    taken, out = set(), []
    for item in items:
        folder, base = os.path.split(item.rel)
        name = os.path.join(folder, f"{os.path.splitext(base)[0]}.laudmask.npz")
        if name in taken:
            name = os.path.join(folder, f"{base}.laudmask.npz")
        taken.add(name)
        out.append(name)
    return out


class ImageDataset:
    """A map-style dataset for torch's DataLoader: preprocessing (resize, crop, PNG) runs in its workers.

    An unreadable image does not stop the loader: its sample carries the error message instead.
    """

    def __init__(self, items, positions):
        self.items = items
        self.positions = positions

    def __len__(self):
        return len(self.positions)

    def __getitem__(self, i):
        from laudmask_dump import preprocess

        position = self.positions[i]
        try:
            tensor, png, entry = preprocess(self.items[position].path)
        except ExportError as exc:
            return position, None, None, None, str(exc)
        return position, tensor[0], png, entry, None


def collate(samples):
    """Batches samples: the tensors of the readable images stacked, everything else as lists."""
    import torch

    good = [s for s in samples if s[4] is None]
    tensor = torch.stack([s[1] for s in good]) if good else None
    return {
        "positions": [s[0] for s in good],
        "tensor": tensor,
        "pngs": [s[2] for s in good],
        "entries": [s[3] for s in good],
        "errors": [(s[0], s[4]) for s in samples if s[4] is not None],
    }
