import { memo, useId, useMemo } from 'react';
import { useShallow } from '../store/shallow';
import { stageMidChannels } from '../../../core/arch';
import type { ArchitectureSpec } from '../../../core/arch';
import { validChannelGroupSizes } from '../../../core/config/resolve';
import type { GranularityOption } from '../../../core/config/inputSize';
import { STAGE_MODES, type ConfigStageMode, type StageConfig } from '../../../core/config/schema';
import { stageTrainability } from '../../../core/config/trainability';
import { useStudio, type StudioState } from '../store';
import { architectureOf, granularityOptionsOf } from '../store/selectors';
import {
  setStageChannelRate,
  setStageGranularity,
  setStageGroupSize,
  setStageMode,
  setStageRate,
} from '../store/configEdits';
import { RateSlider } from './RateSlider';
import { BlockRatesTable } from './BlockRatesTable';

const MODE_LABEL: Record<ConfigStageMode, string> = {
  static: 'Static (dense)',
  spatial: 'Spatial mask',
  channel: 'Channel skipping',
  layer: 'Layer skipping',
  'spatial+channel': 'Spatial + channel',
};

/**
 * Per-stage controls: mode, granularity S, group size G, rate; per-block rates in a table. A change of
 * the global rate re-renders only the cards of the stages that follow it.
 */
export const StagesSection = memo(function StagesSection() {
  const { stages, selectedStage, arch, options } = useStudio(
    useShallow((s) => ({
      stages: s.config.stages,
      selectedStage: s.selectedStage,
      arch: architectureOf(s.config),
      options: granularityOptionsOf(s.config),
    })),
  );
  return (
    <section className="section paint-island" aria-label="Stages">
      <h2 className="section-title">Stages</h2>
      {stages.map((stage, i) => (
        <StageCard
          key={i}
          index={i}
          stage={stage}
          arch={arch}
          options={options[i] ?? NO_OPTIONS}
          selected={i === selectedStage}
        />
      ))}
      <BlockRatesTable arch={arch} />
    </section>
  );
});

const NO_OPTIONS: GranularityOption[] = [];

interface CardProps {
  index: number;
  stage: StageConfig;
  arch: ArchitectureSpec;
  /** Spatial granularities at the configured input size (partial ones labelled). */
  options: GranularityOption[];
  selected: boolean;
}

const StageCard = memo(function StageCard({ index, stage, arch, options, selected }: CardProps) {
  const id = useId();
  const spec = arch.stages[index];
  if (!spec) return null;
  const m = stageMidChannels(arch, spec);
  const outW = spec.outWidth ?? spec.outResolution;
  const sizes = options.some((o) => o.S === stage.spatialGranularity)
    ? options
    : [...options, { S: stage.spatialGranularity, partial: 'partial border patches' }];
  const partialNote = sizes.find((o) => o.S === stage.spatialGranularity)?.partial ?? null;
  const divisors = validChannelGroupSizes(m).filter((g) => g < m);
  // A loaded configuration may carry a G the reference code cannot build: keep it selectable, marked.
  const groups = divisors.includes(stage.channelGroupSize)
    ? divisors
    : [...divisors, stage.channelGroupSize].sort((a, b) => a - b);
  const problems = stageTrainability(arch, index, stage.mode, stage.channelGroupSize);
  const edit = useStudio.getState().editConfig;
  const spatial = stage.mode === 'spatial' || stage.mode === 'spatial+channel';
  const channel = stage.mode === 'channel' || stage.mode === 'spatial+channel';
  const n = index + 1;
  return (
    <div
      className={`stage-card${selected ? ' selected' : ''}${problems.length ? ' not-trainable' : ''}`}
      style={{ ['--stage-color' as string]: `var(--stage-${(index % 4) + 1})` }}
      data-testid={`stage-${n}`}
      onFocusCapture={() => useStudio.getState().selectStage(index)}
      onClick={() => useStudio.getState().selectStage(index)}
    >
      <div className="stage-card-head">
        <span className="stage-swatch" />
        <strong>Stage {n}</strong>
        <span className="hint">
          {spec.outResolution}×{outW} · {spec.blocks} block
          {spec.blocks === 1 ? '' : 's'} · m = {m}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>Mode</label>
        <select
          id={`${id}-mode`}
          value={stage.mode}
          aria-label={`Stage ${n} mode`}
          data-testid={`stage-${n}-mode`}
          onChange={(e) =>
            edit((c) => setStageMode(c, index, e.currentTarget.value as ConfigStageMode))
          }
        >
          {STAGE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABEL[mode]}
            </option>
          ))}
        </select>
      </div>
      {spatial ? (
        <div className="field">
          <label htmlFor={`${id}-s`}>Granularity S</label>
          <select
            id={`${id}-s`}
            value={stage.spatialGranularity}
            aria-label={`Stage ${n} spatial granularity`}
            data-testid={`stage-${n}-granularity`}
            onChange={(e) =>
              edit((c) => setStageGranularity(c, index, Number(e.currentTarget.value)))
            }
          >
            {sizes.map(({ S: s, partial }) => (
              <option key={s} value={s}>
                {s === spec.outResolution && s === outW
                  ? `${s} (whole map)`
                  : `${s}×${s} → ${Math.ceil(spec.outResolution / s)}×${Math.ceil(outW / s)} grid${partial ? ' (partial)' : ''}`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {spatial && partialNote ? (
        <p className="hint" data-testid={`stage-${n}-partial`}>
          S = {stage.spatialGranularity}: {partialNote} (the predictor&apos;s ceiling rule).
        </p>
      ) : null}
      {channel ? (
        <div className="field">
          <label htmlFor={`${id}-g`}>Group size G</label>
          <select
            id={`${id}-g`}
            value={stage.channelGroupSize}
            aria-label={`Stage ${n} channel group size`}
            data-testid={`stage-${n}-group`}
            onChange={(e) =>
              edit((c) => setStageGroupSize(c, index, Number(e.currentTarget.value)))
            }
          >
            {groups.map((g) => (
              <option key={g} value={g}>
                {m % g === 0 ? `${g} (${m / g} groups)` : `${g} (not trainable)`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {problems.length ? (
        <p className="stage-trainability" role="note" data-testid={`stage-${n}-trainability`}>
          <strong>Not trainable with the reference code:</strong>{' '}
          {problems.map((p) => p.reason).join('; ')}. Predictions still apply.
        </p>
      ) : null}
      {stage.mode !== 'static' ? (
        <StageRates index={index} stage={stage} />
      ) : (
        <p className="hint">Every block runs densely; no masker.</p>
      )}
    </div>
  );
});

/**
 * The rate sliders of a dynamic stage. They read their rates from the store themselves, so a change of
 * the global target (which a following stage shows) re-renders nothing here.
 */
const StageRates = memo(function StageRates({
  index,
  stage,
}: {
  index: number;
  stage: StageConfig;
}) {
  const { rateOf, channelRateOf } = useMemo(() => stageRateSelectors(index), [index]);
  const edit = useStudio.getState().editConfig;
  const n = index + 1;
  return (
    <>
      <RateSlider
        label={
          stage.mode === 'layer'
            ? 'Execution rate'
            : stage.mode === 'channel'
              ? 'Channel rate'
              : 'Activation rate'
        }
        value={rateOf}
        note={stage.rate === null ? 'follows global' : undefined}
        testId={`stage-${n}-rate`}
        onChange={(v) => edit((c) => setStageRate(c, index, v), `stage-rate:${index}`)}
      />
      {stage.mode === 'spatial+channel' ? (
        <RateSlider
          label="Channel rate"
          value={channelRateOf}
          note={stage.channelRate === null ? 'follows activation rate' : undefined}
          testId={`stage-${n}-channel-rate`}
          onChange={(v) => edit((c) => setStageChannelRate(c, index, v), `stage-crate:${index}`)}
        />
      ) : null}
    </>
  );
});

/** Where stage `index`'s rates are read: its own, else the global target (the channel rate: else its rate). */
function stageRateSelectors(index: number): {
  rateOf: (s: StudioState) => number;
  channelRateOf: (s: StudioState) => number;
} {
  const rateOf = (s: StudioState) => s.config.stages[index]?.rate ?? s.config.targetRate;
  return {
    rateOf,
    channelRateOf: (s) => s.config.stages[index]?.channelRate ?? rateOf(s),
  };
}
