/**
 * Design-space explorer: every stage setting × rate of the current backbone on one or more devices,
 * plotted as predicted latency against the FLOPs ratio kept, with each device's Pareto front. Hover shows
 * a configuration; a click adopts it (one undoable step); two answers take one click each.
 */
import { useEffect, useMemo, useState } from 'react';
import { resolveArchitecture } from '../../../../core/config/resolve';
import { toNetworkRequest } from '../../../../core/config/request';
import type { StudioConfig } from '../../../../core/config/schema';
import { pointConfig, pointSummary } from '../../../../core/explore';
import { configFlops } from '../../../../core/flops/config';
import { createPredictor, predictNetwork } from '../../../../core/predictor';
import { formatPercent } from '../../format';
import { modelLabel, presetShortLabel } from '../../labels';
import { useStudio } from '../../store';
import type { ExploreOutcome } from '../../worker/exploreClient';
import { AccuracyPanel } from './AccuracyPanel';
import { ExploreAnswers } from './ExploreAnswers';
import { ExploreControls } from './ExploreControls';
import { ExploreScatter, type ScatterMark, type ScatterSeries } from './ExploreScatter';
import { DEVICE_COLORS, defaultForm, fmtMs, memory, type ExploreForm } from './exploreState';
import { devicesOfForm, useExplorer } from './useExplorer';
import '../../styles/explore.css';

/** A key for "same model and input size" (a result for another backbone is not shown). */
function modelKeyOf(config: StudioConfig): string {
  const id = config.model.kind === 'builtin' ? config.model.id : config.model.architecture.id;
  return `${config.model.kind}:${id}@${JSON.stringify(config.inputSize)}`;
}

/** Milliseconds per image of every point, per device. */
function msArrays(o: ExploreOutcome): Float64Array[] {
  return o.latencyS.map((l, h) => {
    const out = new Float64Array(l.length);
    const b = o.batchSizes[h]!;
    for (let i = 0; i < l.length; i++) out[i] = (l[i]! / b) * 1000;
    return out;
  });
}

/** The configuration of point `k` on device `h`, built on the current configuration. */
export function adoptedConfig(o: ExploreOutcome, h: number, k: number, current: StudioConfig) {
  const id = o.devices[h]!.id;
  const sameDevice = current.hardware.kind === 'preset' && current.hardware.id === id;
  const base: StudioConfig = sameDevice
    ? current
    : { ...current, hardware: { kind: 'preset', id, overrides: {} } };
  return pointConfig(o.space, k, base);
}

export function ExploreView() {
  const config = useStudio((s) => s.config);
  const arch = useMemo(() => resolveArchitecture(config), [config]);
  const modelKey = modelKeyOf(config);
  const presetId = config.hardware.kind === 'preset' ? config.hardware.id : 'v100';
  const [form, setFormState] = useState<ExploreForm>(() => {
    const f = memory.form;
    return f && f.stages.length === arch.stages.length && memory.modelKey === modelKey
      ? f
      : defaultForm(presetId, arch.stages.length);
  });
  const setForm = (f: ExploreForm) => {
    memory.form = f;
    setFormState(f);
  };
  const explorer = useExplorer();
  const { outcome: raw } = explorer;
  const outcome = raw && memory.modelKey === modelKey ? raw : null;

  // First visit (or another backbone): explore the default space straight away.
  useEffect(() => {
    if (!outcome && !explorer.running) explorer.run(arch, form, config, modelKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [modelKey]);

  const ms = useMemo(() => (outcome ? msArrays(outcome) : []), [outcome]);
  const series: ScatterSeries[] = useMemo(
    () =>
      outcome
        ? outcome.devices.map((d, h) => ({
            label: presetShortLabel(d.id),
            color: DEVICE_COLORS[h % DEVICE_COLORS.length]!,
            x: ms[h]!,
            y: outcome.flopsRatio,
            front: outcome.fronts[h]!,
          }))
        : [],
    [outcome, ms],
  );

  // The current configuration on each explored device (a diamond), when it is this backbone.
  const currentMarks: ScatterMark[] = useMemo(() => {
    if (!outcome) return [];
    try {
      const flops = configFlops(config).flopsRatio;
      return devicesOfForm({ ...form, devices: outcome.devices.map((d) => d.id) }, config).map(
        (d, h) => ({
          x: predictNetwork(createPredictor(d.params), toNetworkRequest(config)).latencyMsPerImage,
          y: flops,
          color: DEVICE_COLORS[h % DEVICE_COLORS.length]!,
          label: `Current configuration on ${presetShortLabel(d.id)}`,
          shape: 'diamond' as const,
        }),
      );
    } catch {
      return [];
    }
  }, [outcome, config, form]);

  const [answerMarks, setAnswerMarks] = useState<ScatterMark[]>([]);

  function pin(h: number, k: number) {
    if (!outcome) return;
    const s = useStudio.getState();
    const label = `${pointSummary(outcome.space, k)} (${presetShortLabel(outcome.devices[h]!.id)})`;
    const r = s.pinToCompare(adoptedConfig(outcome, h, k, s.config), label, 'explorer');
    if (r.ok) s.notify('info', `Pinned to compare: ${label}.`);
    else s.notify('error', r.error.charAt(0).toUpperCase() + r.error.slice(1));
  }

  function adopt(h: number, k: number, shift = false) {
    if (!outcome) return;
    if (shift) return pin(h, k);
    const s = useStudio.getState();
    s.replaceConfig(adoptedConfig(outcome, h, k, s.config));
    s.notify(
      'info',
      `Adopted ${pointSummary(outcome.space, k)} on ${presetShortLabel(outcome.devices[h]!.id)}. Undo restores the previous configuration.`,
    );
  }

  const total = outcome ? outcome.flopsRatio.filter(Number.isFinite).length : 0;
  return (
    <div className="view-stack explore-view" data-testid="explore-view">
      <p className="explain">
        Every stage setting of {modelLabel(config)} (static, spatial at each S, channel at each G,
        layer) at each rate: predicted latency against the FLOPs ratio kept (the training
        accounting), with the Pareto front of each device. Click a point to adopt it.
      </p>
      <ExploreControls
        form={form}
        onChange={setForm}
        stageLabels={arch.stages.map((s, i) => `${i + 1} (${s.outResolution}×${s.outResolution})`)}
        running={explorer.running}
        progress={explorer.progress}
        onRun={() => explorer.run(arch, form, config, modelKey)}
        onCancel={explorer.cancel}
      />
      {explorer.error ? (
        <p className="explore-error" role="alert">
          {explorer.error}
        </p>
      ) : null}
      {outcome ? (
        <>
          <ExploreAnswers
            outcome={outcome}
            ms={ms}
            form={form}
            onForm={setForm}
            onAdopt={adopt}
            onPin={pin}
            onMarks={setAnswerMarks}
          />
          <section
            className="chart-card"
            aria-label="Design space scatter"
            data-testid="explore-result"
            data-configs={total}
            data-elapsed-ms={outcome.elapsedMs.toFixed(1)}
            data-worker-ms={outcome.workerMs.toFixed(1)}
          >
            <div className="chart-card-head">
              <div className="chart-card-titles">
                <h3 className="chart-card-title">Latency vs FLOPs kept</h3>
                <div className="chart-card-context">
                  {modelLabel(config)} · {total.toLocaleString('en-US')} configurations ·{' '}
                  {outcome.workers} worker{outcome.workers > 1 ? 's' : ''},{' '}
                  {(outcome.elapsedMs / 1000).toFixed(2)} s
                </div>
              </div>
            </div>
            <ExploreScatter
              testId="explore-scatter"
              series={series}
              marks={[...currentMarks, ...answerMarks]}
              xLog={outcome.devices.length > 1}
              xLabel={`Predicted latency (ms per image${outcome.devices.length > 1 ? ', log scale' : ''})`}
              yLabel="FLOPs ratio kept (dynamic ÷ static)"
              yTick={(v) => `${Math.round(v * 100)} %`}
              ariaLabel="Predicted latency against FLOPs ratio of every explored configuration"
              onPick={adopt}
              tooltip={(h, k) => (
                <>
                  <div className="explore-tooltip-title">{pointSummary(outcome.space, k)}</div>
                  <div className="mono">
                    {fmtMs(ms[h]![k]!)} per image · FLOPs {formatPercent(outcome.flopsRatio[k]!)}
                  </div>
                  <div className="explore-tooltip-hint">
                    {presetShortLabel(outcome.devices[h]!.id)}
                    {outcome.fronts[h]!.includes(k) ? ' · on the Pareto front' : ''} · click to
                    adopt
                  </div>
                </>
              )}
            />
            <ul className="chart-legend explore-legend" aria-label="Legend">
              {series.map((s) => (
                <li key={s.label}>
                  <span className="explore-legend-cloud" style={{ background: s.color }} />
                  {s.label}: configurations
                  <span className="explore-legend-front" style={{ background: s.color }} />
                  Pareto front
                </li>
              ))}
              <li>
                <span className="explore-legend-diamond" /> Current configuration
              </li>
              <li>
                <span className="explore-legend-ring" /> Answer
              </li>
            </ul>
          </section>
        </>
      ) : explorer.running ? null : null}
      <AccuracyPanel devices={outcome ? outcome.devices : devicesOfForm(form, config)} />
    </div>
  );
}
