"""Configuration of the model to export: from a checkpoint's hyper_set text, command-line flags, or both.

The reference training script stores its argparse Namespace as text under ``hyper_set``; spatial vs layer
mode and the granularity S cannot be recovered from the weights, so the hyper_set is the truth and flags
only fill what it lacks (a conflicting flag is reported and ignored).
"""
import ast

STAGE_RESOLUTIONS = (56, 28, 14, 7)
DYN_MODES = ("spatial", "channel", "layer", "both")


class ExportError(Exception):
    """A problem the user can fix; main() prints it and exits non-zero."""


def parse_hyper_set(text):
    """Parses ``Namespace(a=1, b='x', ...)`` text into a dict of its literal values (others are skipped)."""
    if not isinstance(text, str):
        text = str(text)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExportError(f"the checkpoint's hyper_set is not argparse Namespace text ({exc.msg})") from None
    call = tree.body
    if not isinstance(call, ast.Call):
        raise ExportError("the checkpoint's hyper_set is not argparse Namespace text")
    values = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            continue
        try:
            values[keyword.arg] = ast.literal_eval(keyword.value)
        except (ValueError, SyntaxError, TypeError):
            pass  # not a literal (an object repr): not a field we need
    return values


def split_stages(value, name, cast):
    """'4-4-2-1', [4, 4, 2, 1] or 4 -> four values cast with ``cast``."""
    if isinstance(value, (list, tuple)):
        parts = list(value)
    elif isinstance(value, str):
        parts = value.split("-")
    else:
        parts = [value]
    if len(parts) == 1:
        parts = parts * 4
    if len(parts) != 4:
        raise ExportError(f"{name} needs four '-'-separated values (one per stage), got {value!r}")
    try:
        return [cast(p) for p in parts]
    except (TypeError, ValueError):
        raise ExportError(f"{name} has an invalid value: {value!r}") from None


def _mode(value):
    mode = str(value).strip()
    if mode not in DYN_MODES:
        raise ValueError(mode)
    return mode


# (hyper_set key, flag attribute, flag spelling, cast, default)
FIELDS = (
    ("arch", "arch", "--arch", str, None),
    ("dyn_mode", "dyn_mode", "--dyn-mode", _mode, "spatial"),
    ("mask_spatial_granularity", "granularity", "--granularity", int, "4-4-2-1"),
    ("channel_dyn_granularity", "channel_granularity", "--channel-granularity", int, "2-2-2-2"),
    ("mask_channel_group", "mask_channel_group", "--mask-channel-group", int, "1-1-1-1"),
    ("channel_masker", "channel_masker", "--channel-masker", str, "MLP"),
    ("channel_masker_layers", "channel_masker_layers", "--channel-masker-layers", int, "2-2-2-2"),
    ("channel_masker_reduction", "channel_masker_reduction", "--channel-masker-reduction", int, "16-16-16-16"),
)


def resolve_config(args, hyper, warn):
    """Merges hyper_set values and flags. Returns a dict keyed by hyper_set names (stage lists split)."""
    config = {}
    for key, attr, flag, cast, default in FIELDS:
        flag_value = getattr(args, attr, None)
        if key in hyper and hyper[key] is not None:
            value = hyper[key]
            differs = flag_value != value if key == "arch" else not _same_stages(flag_value, value, cast)
            if flag_value is not None and differs:
                warn(f"ignoring {flag} {flag_value}: the checkpoint was trained with {value}")
        elif flag_value is not None:
            value = flag_value
        else:
            value = default
        if value is None:
            raise ExportError(f"{flag} is required (no checkpoint hyper_set gives it)")
        config[key] = value if key == "arch" else split_stages(value, flag, cast)
    # Layer skipping is spatial masking with S = the whole map (formulation spec §2).
    for s, mode in enumerate(config["dyn_mode"]):
        if mode == "layer":
            config["mask_spatial_granularity"][s] = STAGE_RESOLUTIONS[s]
    return config


def _same_stages(a, b, cast):
    try:
        return split_stages(a, "", cast) == split_stages(b, "", cast)
    except ExportError:
        return False


def builder_kwargs(config):
    """Keyword arguments of the reference model builders (formulation spec §8)."""
    return {
        "input_size": 224,
        "dyn_mode": list(config["dyn_mode"]),
        "mask_spatial_granularity": list(config["mask_spatial_granularity"]),
        "spatial_mask_channel_group": list(config["mask_channel_group"]),
        "channel_dyn_granularity": list(config["channel_dyn_granularity"]),
        "channel_masker": list(config["channel_masker"]),
        "channel_masker_layers": list(config["channel_masker_layers"]),
        "reduction_ratio": list(config["channel_masker_reduction"]),
    }
