#!/usr/bin/env python3
"""Measures the latency of the operators LAUDNet Studio's latency model predicts, on one device.

Writes a CSV with one row per measurement whose operator name and parameter columns are the predictor's
own vocabulary (the reference column names), so `laudnet calibrate` maps each row to one predictor call.
The first line is a comment `# {...}` holding the run's JSON header (device, clocks, versions, settings).

    python3 tools/latency-bench/bench.py --device cuda:0 --batch-size 128 --out my-gpu.csv
    python3 tools/latency-bench/bench.py --device cpu --quick --out /tmp/cpu.csv

The dynamic operators are this project's own PyTorch implementation of LAUDNet's execution scheme as the
latency-model spec describes it (gather of S×S patches with a halo, dense convolution on the gathered
patches, scatter / scatter-add back, channel gather of a group subset, the spatial masker fused with the
first 1×1 convolution); see README.md.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

# Stage tables of the four backbones (latency spec §5.1): output channels, input channels, first-block
# stride, bottleneck factor, groups per stage, SE, blocks per stage. Output sides are 56, 28, 14, 7.
BACKBONES = {
    "resnet50": dict(last=[256, 512, 1024, 2048], first=[64, 256, 512, 1024], strides=[1, 2, 2, 2],
                     b=4, group_width=None, se=False),
    "resnet101": dict(last=[256, 512, 1024, 2048], first=[64, 256, 512, 1024], strides=[1, 2, 2, 2],
                      b=4, group_width=None, se=False),
    "regnety004": dict(last=[48, 104, 208, 440], first=[32, 48, 104, 208], strides=[2, 2, 2, 2],
                       b=1, group_width=8, se=True),
    "regnety008": dict(last=[64, 144, 320, 784], first=[32, 64, 144, 320], strides=[2, 2, 2, 2],
                       b=1, group_width=16, se=True),
}
WIDTHS = [56, 28, 14, 7]
QUICK_WIDTHS = [8, 4, 4, 2]

COLUMNS = ["op", "model", "stage", "cin", "cout", "cm", "c", "h", "w", "oh", "ow", "ks", "groups", "stride",
           "granul_size", "density", "granul_size_pad", "with_indexing", "ic_density", "oc_density",
           "spatial_masker", "channel_masker", "test_nofuse", "c_density", "n_c_dy_group",
           "squeeze_channels", "batch_size", "latency_s", "latency_spread_s", "runs"]


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--device", default="cuda:0", help="cuda:N or cpu (default cuda:0)")
    ap.add_argument("--batch-size", type=int, default=None, help="images per batch (default 128; --quick: 2)")
    ap.add_argument("--out", required=True, help="CSV file to write")
    ap.add_argument("--quick", action="store_true", help="seconds-long run at tiny sizes (tests the pipeline)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per operator (default 30; --quick: 5)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed runs first (default 5; --quick: 2)")
    ap.add_argument("--models", default=None,
                    help="comma-separated backbones (default all four; --quick: resnet50,regnety004)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the active patch / channel choices")
    args = ap.parse_args(argv)
    if args.batch_size is None:
        args.batch_size = 2 if args.quick else 128
    if args.runs is None:
        args.runs = 5 if args.quick else 30
    if args.warmup is None:
        args.warmup = 2 if args.quick else 5
    if args.models is None:
        args.models = "resnet50,regnety004" if args.quick else ",".join(BACKBONES)
    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in args.models if m not in BACKBONES]
    if unknown:
        ap.error(f"unknown model(s) {', '.join(unknown)} (valid: {', '.join(BACKBONES)})")
    if args.batch_size < 1 or args.runs < 1 or args.warmup < 0:
        ap.error("--batch-size and --runs must be positive, --warmup non-negative")
    return args


class Timer:
    """Median and interquartile range of `runs` timings after `warmup` untimed calls."""

    def __init__(self, device, runs, warmup):
        self.device, self.runs, self.warmup = device, runs, warmup
        self.cuda = device.type == "cuda"

    def __call__(self, fn):
        for _ in range(self.warmup):
            fn()
        times = []
        if self.cuda:
            torch.cuda.synchronize(self.device)
            for _ in range(self.runs):
                start = torch.cuda.Event(enable_timing=True)
                end = torch.cuda.Event(enable_timing=True)
                start.record()
                fn()
                end.record()
                end.synchronize()
                times.append(start.elapsed_time(end) / 1000.0)
        else:
            for _ in range(self.runs):
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
        times.sort()
        q = statistics.quantiles(times, n=4) if len(times) >= 2 else [times[0]] * 3
        return statistics.median(times), q[2] - q[0]


def stage_shapes(name, quick):
    """Per stage: the first block and an other block as (cin, cout, cm, groups, h_in, stride, squeeze)."""
    t = BACKBONES[name]
    widths = QUICK_WIDTHS if quick else WIDTHS
    out = []
    for i in range(4):
        last, first = t["last"][i], t["first"][i]
        if quick:
            last, first = max(8, last // 8), max(8, first // 8)
        cm = last // t["b"]
        groups = 1
        if t["group_width"]:
            gw = max(2, t["group_width"] // 4) if quick else t["group_width"]
            groups = cm // gw if cm % gw == 0 else 1
        s = t["strides"][i]
        blocks = []
        for (cin, h, stride) in [(first, widths[i] * s, s), (last, widths[i], 1)]:
            squeeze = int(round(0.25 * cin)) if t["se"] else 0
            blocks.append(dict(cin=cin, cout=last, cm=cm, groups=groups, h=h, stride=stride, squeeze=squeeze))
        out.append(blocks)
    return out


class Bench:
    def __init__(self, args, device):
        self.args, self.device, self.B = args, device, args.batch_size
        self.timer = Timer(device, args.runs, args.warmup)
        self.gen = torch.Generator().manual_seed(args.seed)
        self.rows, self.seen = [], set()

    def t(self, *shape):
        return torch.randn(*shape, generator=self.gen).to(self.device)

    def record(self, op, model, stage, fn, **params):
        key = (op,) + tuple(sorted(params.items()))
        if key in self.seen:
            return
        self.seen.add(key)
        median, spread = self.timer(fn)
        self.rows.append(dict(op=op, model=model, stage=stage, batch_size=self.B, latency_s=repr(median),
                              latency_spread_s=repr(spread), runs=self.args.runs, **params))

    # ---- static operators -------------------------------------------------------------------------
    def conv(self, model, stage, cin, cout, h, ks, groups=1, stride=1):
        x, w = self.t(self.B, cin, h, h), self.t(cout, cin // groups, ks, ks)
        self.record("conv", model, stage, lambda: F.conv2d(x, w, stride=stride, padding=ks // 2, groups=groups),
                    cin=cin, cout=cout, h=h, w=h, ks=ks, groups=groups, stride=stride)

    def static_block(self, model, stage, blk):
        cin, cout, cm, g, h, s, sq = (blk[k] for k in ("cin", "cout", "cm", "groups", "h", "stride", "squeeze"))
        if cin != cout and s == 1:
            return  # the predictor has no projection for a stride-1 shape change [Q19]: nothing to compare
        x = self.t(self.B, cin, h, h)
        w1, w2, w3 = self.t(cm, cin, 1, 1), self.t(cm, cm // g, 3, 3), self.t(cout, cm, 1, 1)
        wsc = self.t(cout, cin, 1, 1) if s == 2 else None
        f1, f2 = (self.t(sq, cm), self.t(cm, sq)) if sq else (None, None)

        def run():
            y = F.conv2d(x, w1)
            y = F.conv2d(y, w2, stride=s, padding=1, groups=g)
            if f1 is not None:
                e = torch.sigmoid(F.linear(torch.relu(F.linear(y.mean((2, 3)), f1)), f2))
                y = y * e[:, :, None, None]
            y = F.conv2d(y, w3)
            return y + (F.conv2d(x, wsc, stride=2) if wsc is not None else x)

        self.record("static_block", model, stage, run, cin=cin, cout=cout, cm=cm, h=h, stride=s, groups=g,
                    squeeze_channels=sq)

    # ---- dynamic operators (LAUDNet's execution, this project's implementation) -------------------
    def patch_index(self, h, g, d, pad):
        """Row and column index tensors (n, q, 1), (n, 1, q) of the n active patches, halo included."""
        nh = -(-h // g)
        n = -(-int(round(d * nh * nh * 1e9)) // 1_000_000_000)  # ⌈d·N⌉ without float noise
        n = max(1, min(n, nh * nh))
        pos = torch.randperm(nh * nh, generator=self.gen)[:n]
        q = g + 2 * pad
        r0, c0 = (pos // nh) * g, (pos % nh) * g
        ar = torch.arange(q)
        rows = (r0[:, None] + ar[None, :])[:, :, None].to(self.device)
        cols = (c0[:, None] + ar[None, :])[:, None, :].to(self.device)
        return rows, cols, n

    def spatial(self, model, stage, blk, g, d):
        cin, cout, cm, gr, h = blk["cin"], blk["cout"], blk["cm"], blk["groups"], blk["h"]
        if blk["stride"] != 1 or h % g:
            return
        B = self.B
        patch = dict(h=h, w=h, granul_size=g, density=d)
        # Gather: pad the map, pick every active patch with its 1-pixel halo, lay patches out as a batch.
        x = self.t(B, cm, h, h)
        rows, cols, n = self.patch_index(h, g, d, 1)
        gather = lambda: F.pad(x, (1, 1, 1, 1))[:, :, rows, cols].permute(0, 2, 1, 3, 4).reshape(B * n, cm, g + 2, g + 2)
        self.record("gather", model, stage, gather, c=cm, granul_size_pad=1, **patch)
        # Dense convolutions on the gathered patches: 3×3 (valid, the halo supplies the border), then 1×1.
        xp, w2 = gather(), self.t(cm, cm // gr, 3, 3)
        self.record("dynamic_conv", model, stage, lambda: F.conv2d(xp, w2, groups=gr), cin=cm, cout=cm, ks=3,
                    groups=gr, stride=1, with_indexing=0, spatial_masker=1, **patch)
        y2, w3 = F.conv2d(xp, w2, groups=gr), self.t(cout, cm, 1, 1)
        self.record("dynamic_conv", model, stage, lambda: F.conv2d(y2, w3), cin=cm, cout=cout, ks=1, groups=1,
                    stride=1, with_indexing=0, spatial_masker=1, **patch)
        # Scatter the output patches back (into a zeroed map) and scatter-add them onto the residual.
        rows0, cols0, _ = self.patch_index(h, g, d, 0)
        y3 = F.conv2d(y2, w3).reshape(B, n, cout, g, g).permute(0, 2, 1, 3, 4)
        base = self.t(B, cout, h, h)

        def scatter():
            out = torch.zeros_like(base)
            out[:, :, rows0, cols0] = y3
            return out

        def scatter_add():
            out = base.clone()
            out[:, :, rows0, cols0] += y3
            return out

        self.record("scatter", model, stage, scatter, c=cout, **patch)
        self.record("scatter_add", model, stage, scatter_add, c=cout, **patch)
        # Spatial masker fused with conv1: one 1×1 conv to cm + 1 channels, the extra one pooled per patch
        # and thresholded into the patch mask.
        xi, wm = self.t(B, cin, h, h), self.t(cm + 1, cin, 1, 1)

        def masker():
            y = F.conv2d(xi, wm)
            return y[:, :cm], F.avg_pool2d(y[:, cm:], g) > 0

        self.record("masker_conv1", model, stage, masker, cin=cin, cout=cm, test_nofuse=0, channel_masker=0,
                    spatial_masker=1, c_density=1, n_c_dy_group=1, **patch)

    def channel(self, model, stage, blk, rate):
        """Channel skipping of conv2: gather the active group subset of input channels and of the weight."""
        cm, h = blk["cm"], blk["h"]
        if blk["groups"] != 1 or blk["stride"] != 1:
            return
        k = max(1, int(round(cm * rate)))
        idx = torch.randperm(cm, generator=self.gen)[:k].sort().values.to(self.device)
        x, w = self.t(self.B, cm, h, h), self.t(cm, cm, 3, 3)

        def run():
            xs = x.index_select(1, idx)
            ws = w.index_select(0, idx).index_select(1, idx)
            return F.conv2d(xs, ws, padding=1)

        self.record("dynamic_conv", model, stage, run, cin=cm, cout=cm, h=h, w=h, ks=3, groups=1, stride=1,
                    granul_size=1, density=1, spatial_masker=0, ic_density=rate, oc_density=rate)

    def run(self):
        quick = self.args.quick
        grans = [1, 2] if quick else [1, 2, 4, 7]
        dens = [0.5] if quick else [0.25, 0.5, 0.75]
        with torch.no_grad():
            for model in self.args.models:
                for i, (first, other) in enumerate(stage_shapes(model, quick)):
                    st = i + 1
                    for blk in (first, other):
                        cin, cm, cout, h, s, g = (blk[k] for k in ("cin", "cm", "cout", "h", "stride", "groups"))
                        self.conv(model, st, cin, cm, h, 1)
                        self.conv(model, st, cm, cm, h, 3, g, s)
                        self.conv(model, st, cm, cout, h // s, 1)
                        if s == 2:
                            self.conv(model, st, cin, cout, h, 1, 1, 2)
                        self.static_block(model, st, blk)
                    c, h = other["cout"], other["h"]
                    a, b = self.t(self.B, c, h, h), self.t(self.B, c, h, h)
                    self.record("add", model, st, lambda: a + b, c=c, h=h, w=h)
                    for g in grans:
                        for d in dens:
                            self.spatial(model, st, other, g, d)
                    for r in dens:
                        self.channel(model, st, other, r)
                last = stage_shapes(model, quick)[3][1]
                xl = self.t(self.B, last["cout"], last["h"], last["h"])
                self.record("avg_pool", model, 4, lambda: F.adaptive_avg_pool2d(xl, 1), c=last["cout"],
                            h=last["h"], w=last["h"], oh=1, ow=1)
                xf, wf = self.t(self.B, last["cout"]), self.t(1000, last["cout"])
                self.record("fc", model, 4, lambda: F.linear(xf, wf), cin=last["cout"], cout=1000)
        return self.rows


def nvidia_smi(index):
    query = "name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,clocks.max.mem,power.limit,pstate"
    try:
        out = subprocess.run(["nvidia-smi", f"--id={index}", f"--query-gpu={query}", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    values = [v.strip() for v in out.stdout.strip().split(",")]
    return dict(zip(query.split(","), values))


def header(args, device, started, duration):
    info = dict(format="laudnet-latency-bench", version=1, device=str(device), batch_size=args.batch_size,
                dtype="float32", runs=args.runs, warmup=args.warmup, quick=args.quick, models=args.models,
                seed=args.seed, statistic="median", spread="interquartile range",
                timing="cuda events" if device.type == "cuda" else "time.perf_counter",
                started=started, duration_s=round(duration, 3), torch=torch.__version__,
                python=platform.python_version(), platform=platform.platform())
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        info.update(device_name=props.name, sm_count=props.multi_processor_count,
                    memory_bytes=props.total_memory, capability=f"{props.major}.{props.minor}",
                    cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version(),
                    nvidia_smi=nvidia_smi(device.index or 0))
    else:
        info.update(device_name=platform.processor() or platform.machine(), threads=torch.get_num_threads(),
                    cpu_count=os.cpu_count())
    return info


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        device = torch.device(args.device)
    except RuntimeError as e:
        sys.exit(f"error: --device {args.device!r} is not a device ({e}); use cuda:N or cpu")
    if device.type == "cuda":
        if not torch.cuda.is_available():
            sys.exit("error: CUDA is not available to this PyTorch; use --device cpu to test the pipeline")
        if (device.index or 0) >= torch.cuda.device_count():
            sys.exit(f"error: {args.device} does not exist ({torch.cuda.device_count()} CUDA device(s))")
        torch.cuda.set_device(device)
        torch.backends.cudnn.benchmark = True
    elif device.type != "cpu":
        sys.exit(f"error: unsupported device {args.device!r} (use cuda:N or cpu)")
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    rows = Bench(args, device).run()
    info = header(args, device, started, time.perf_counter() - t0)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + json.dumps(info) + "\n")
        f.write(",".join(COLUMNS) + "\n")
        for r in rows:
            f.write(",".join(str(r.get(c, "")) for c in COLUMNS) + "\n")
    print(f"wrote {len(rows)} measurements to {args.out} in {info['duration_s']} s ({info['device_name']})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
