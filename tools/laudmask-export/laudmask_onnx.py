"""Exporting a LAUDNet model to ONNX with its masks as outputs (formulation spec §9).

A wrapper module calls ``model(x, temperature)`` in eval mode and returns ``(logits, *masks)``, the masks
taken by the same forward hooks as the dump exporter (``laudmask_capture.py``), cast to uint8, plus each
spatial masker's soft score (keep − skip). Output names are the dump's member names (``stage1/0/spatial``)
so one reader maps both; the configuration goes into the model's metadata as JSON (key ``laudnet``).
"""
import json
import os

from laudmask_config import ExportError

METADATA_KEY = "laudnet"
LIVE_FORMAT = "laudnet-live"
LIVE_VERSION = 1
INPUT_NAME = "input"
LOGITS_NAME = "logits"
OPSET = 17
# Ops whose float weights --fp16 stores as float16 (a Cast back to float32 feeds the op).
WEIGHT_OPS = ("Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization")


def _key_order(key):
    return tuple(int(p) for p in key[len("stage"):].split("/"))


def _nchw(t):
    """A batched mask or score as (N, g, h, w): a gate (N,) or (N, 1) becomes (N, 1, 1, 1)."""
    n = t.shape[0]
    if t.dim() == 1:
        return t.reshape(n, 1, 1, 1)
    if t.dim() == 2:
        return t.reshape(n, -1, 1, 1)
    if t.dim() == 3:
        return t.reshape(n, 1, t.shape[-2], t.shape[-1])
    return t.reshape(n, -1, t.shape[-2], t.shape[-1])


def _binary(t):
    import torch

    return (t.float() > 0.5).to(torch.uint8)


def plan_outputs(config, records):
    """From one eager forward's hook records: per block (key, kinds, score sign), in network order.

    The sign says which half of the masker logits is "keep": the one whose difference agrees with the
    decisions (as the dump exporter decides it per image).
    """
    plan = []
    for key in sorted(records, key=_key_order):
        record = records[key]
        stage = _key_order(key)[0] - 1
        mode = config["dyn_mode"][stage]
        kinds, sign = [], 1.0
        if mode in ("spatial", "layer", "both"):
            if "spatial" not in record:
                raise ExportError(f"{key}: its Masker_spatial did not run during the forward pass")
            if not record.get("expand"):
                raise ExportError(f"{key}: no ExpandMask ran in this block, so its conv1 mask is unknown")
            grid = _nchw(record["spatial"]).float()
            kinds.append("spatial")
            raw = record.get("logit")
            if raw is not None and raw.dim() == 4 and raw.shape[1] == 2 * grid.shape[1] and \
                    tuple(raw.shape[2:]) == tuple(grid.shape[2:]):
                g = grid.shape[1]
                diff = raw[:, :g] - raw[:, g:]
                agree = ((diff >= 0) == (grid > 0.5)).float().mean().item()
                sign = -1.0 if agree < 0.5 else 1.0
                kinds.append("spatial_logit")
            kinds += ["conv2", "conv1"]
        if mode in ("channel", "both"):
            if "channel" not in record:
                raise ExportError(f"{key}: its channel masker did not run during the forward pass")
            kinds.append("channel")
        plan.append((key, kinds, sign))
    return plan


def block_outputs(key, record, kinds, sign, granularity):
    """The output tensors (batched) of one block, in the order of ``kinds``."""
    import torch

    out = []
    grid = _nchw(record["spatial"]) if "spatial" in record else None
    for kind in kinds:
        if kind == "spatial":
            out.append(_binary(grid))
        elif kind == "spatial_logit":
            raw = record["logit"]
            g = grid.shape[1]
            out.append(((raw[:, :g] - raw[:, g:]) * sign).float())
        elif kind == "conv2":
            out_res = grid.shape[-1] * granularity
            candidates = [inp for inp, _ in record["expand"] if inp.shape[-1] == out_res]
            if candidates:
                out.append(_binary(_nchw(candidates[0])))
            else:
                up = torch.repeat_interleave(torch.repeat_interleave(grid, granularity, 2), granularity, 3)
                out.append(_binary(up))
        elif kind == "conv1":
            conv1 = None
            for _, o in record["expand"]:
                if conv1 is None or o.shape[-1] >= conv1.shape[-1]:
                    conv1 = o
            out.append(_binary(_nchw(conv1)))
        elif kind == "channel":
            ch = record["channel"]
            out.append(_binary(ch.reshape(ch.shape[0], -1)))
    return out


def output_names(plan):
    names = [LOGITS_NAME]
    for key, kinds, _ in plan:
        names += [f"{key}/{kind}" for kind in kinds]
    return names


def _float_counters(value):
    """Integer (non-bool) tensors inside nested tuples/lists cast to float; other values unchanged."""
    import torch

    if torch.is_tensor(value):
        return value.float() if not value.is_floating_point() and value.dtype != torch.bool else value
    if isinstance(value, tuple):
        return tuple(_float_counters(v) for v in value)
    if isinstance(value, list):
        return [_float_counters(v) for v in value]
    return value


def install_tracing_fixes(model):
    """Spec §9: while tracing, shapes become Long tensors and the FLOPs bookkeeping's in-place
    ``long += long * float`` fails. A hook on every masker returning its integer counters as float, and a
    pre-hook on the first block of stage 1 doing the same to its inputs, fix it without touching the model
    code; the FLOPs ops are then pruned (not outputs). Returns the hook handles."""
    from laudmask_capture import block_key_of

    handles, first_block = [], None
    for name, module in model.named_modules():
        if type(module).__name__.startswith("Masker_"):
            handles.append(module.register_forward_hook(
                lambda _m, _i, out: _float_counters(out) if isinstance(out, (tuple, list)) else None))
        if first_block is None and block_key_of(name) == "stage1/0" and block_key_of(name.rsplit(".", 1)[0]) is None:
            first_block = module
    if first_block is not None:
        handles.append(first_block.register_forward_pre_hook(lambda _m, args: _float_counters(args)))
    return handles


def make_wrapper(model, capture, config, plan, temperature):
    import torch

    class MaskOutputs(torch.nn.Module):
        """``forward(x)`` → (logits, *masks), in the order of ``output_names(plan)``."""

        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, x):
            capture.clear()
            out = self.model(x, temperature)
            logits = out[0] if isinstance(out, (tuple, list)) else out
            results = [logits]
            for key, kinds, sign in plan:
                stage = _key_order(key)[0] - 1
                results += block_outputs(key, capture.records[key], kinds, sign,
                                         config["mask_spatial_granularity"][stage])
            return tuple(results)

    return MaskOutputs().eval()


def live_metadata(block, config, plan, modules, temperature, fp16, preprocessing):
    """The JSON stored under metadata key ``laudnet``: everything a reader needs besides the graph."""
    return {
        "format": LIVE_FORMAT,
        "version": LIVE_VERSION,
        "model": block,
        "temperature": temperature,
        "weights_dtype": "float16" if fp16 else "float32",
        "input": dict(preprocessing, name=INPUT_NAME, shape=[1, 3, preprocessing["size"], preprocessing["size"]]),
        "logits": LOGITS_NAME,
        "blocks": [
            {"key": key, "module": modules.get(key, ""), "outputs": {kind: f"{key}/{kind}" for kind in kinds}}
            for key, kinds, _ in plan
        ],
        "exporter": "laudmask-export",
        "opset": OPSET,
    }


def _weights_to_fp16(proto):
    """Stores the float32 weights of weight ops as float16 initializers, each behind a Cast to float32."""
    import numpy as np
    from onnx import helper, numpy_helper, TensorProto

    graph = proto.graph
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node.op_type)
    converted, casts = [], []
    for init in list(graph.initializer):
        ops = consumers.get(init.name, [])
        if init.data_type != TensorProto.FLOAT or not ops or any(op not in WEIGHT_OPS for op in ops):
            continue
        array = numpy_helper.to_array(init)
        half = numpy_helper.from_array(array.astype(np.float16), f"{init.name}__fp16")
        converted.append((init, half))
        casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                      name=f"{init.name}__cast"))
    for init, half in converted:
        graph.initializer.remove(init)
        graph.initializer.append(half)
    for i, cast in enumerate(casts):
        graph.node.insert(i, cast)
    return len(converted)


def export_onnx(path, wrapper, example, names, metadata, fp16):
    """Traces ``wrapper`` on ``example``, writes the ONNX with metadata; returns its size in bytes."""
    import io

    import torch

    try:
        import onnx
    except ImportError:
        raise ExportError("--onnx needs the onnx package for this Python (try: apt install python3-onnx)") from None

    buffer = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(wrapper, (example,), buffer, input_names=[INPUT_NAME], output_names=names,
                          opset_version=OPSET, do_constant_folding=True)
    proto = onnx.load_from_string(buffer.getvalue())
    if fp16:
        _weights_to_fp16(proto)
    del proto.metadata_props[:]
    entry = proto.metadata_props.add()
    entry.key = METADATA_KEY
    entry.value = json.dumps(metadata)
    proto.producer_name = "laudmask-export"
    onnx.checker.check_model(proto)
    data = proto.SerializeToString()
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return len(data)
