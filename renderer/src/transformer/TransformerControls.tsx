import { useId } from 'react';
import { useShallow } from '../store/shallow';
import { T2T_VARIANTS, headRateSteps } from '../../../core/transformer';
import { RateSlider } from '../controls/RateSlider';
import { useStudio } from '../store';
import { BlockTable } from './BlockTable';
import { HeadsSlider } from './HeadsSlider';
import { TransformerExport } from './TransformerExport';
import {
  MODES,
  MODE_LABEL,
  meanRate,
  paradigmActive,
  uniformRate,
  withRate,
  type BatchConvention,
  type Paradigm,
  type TfUiConfig,
} from './tfConfig';
import './transformer.css';

const CONVENTION_HINT: Record<BatchConvention, string> = {
  in_shapes:
    'Batch in the tensor shapes, predictor batch 1 — reproduces the paper’s static numbers.',
  in_predictor: 'Batch inside the predictor’s searches, batch 1 in the shapes (spec §2).',
};

const edit = (fn: (c: TfUiConfig) => TfUiConfig) => useStudio.getState().editTransformer(fn);

/** Left panel while a transformer is picked: mode, batch convention, rates for all blocks, per block. */
export function TransformerControls() {
  const { tf, error } = useStudio(
    useShallow((s) => ({ tf: s.transformer, error: s.tfStatus === 'error' ? s.tfError : null })),
  );
  if (!tf) return null;
  return (
    <>
      <ModeSection tf={tf} />
      {error ? (
        <p className="tf-error section" role="alert" data-testid="tf-error">
          {error}
        </p>
      ) : null}
      <AllBlocksSection tf={tf} />
      <section className="section" aria-label="Per-block rates">
        <h2 className="section-title">Per block</h2>
        <BlockTable tf={tf} />
      </section>
      <TransformerExport tf={tf} />
    </>
  );
}

function ModeSection({ tf }: { tf: TfUiConfig }) {
  const id = useId();
  const v = T2T_VARIANTS[tf.model];
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Dynamic transformer
      </h2>
      <p className="hint tf-arch" data-testid="tf-arch">
        {v.depth} blocks · D = {v.embedDim} · {v.heads} heads · MLP ×{v.mlpRatio} · 197 tokens
      </p>
      <div className="segmented tf-modes" role="group" aria-label="Skipping mode">
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            className="btn small"
            aria-pressed={tf.mode === m}
            data-testid={`tf-mode-${m}`}
            onClick={() => edit((c) => (c.mode === m ? c : { ...c, mode: m }))}
          >
            {MODE_LABEL[m]}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-conv`}>Batch convention</label>
        <select
          id={`${id}-conv`}
          value={tf.batchConvention}
          data-testid="tf-convention"
          onChange={(e) => {
            const value = e.currentTarget.value as BatchConvention;
            edit((c) => (c.batchConvention === value ? c : { ...c, batchConvention: value }));
          }}
        >
          <option value="in_shapes">In the shapes (default)</option>
          <option value="in_predictor">In the predictor</option>
        </select>
      </div>
      <p className="hint">{CONVENTION_HINT[tf.batchConvention]}</p>
    </section>
  );
}

function AllBlocksSection({ tf }: { tf: TfUiConfig }) {
  const off = (p: Paradigm) => !paradigmActive(tf.mode, p);
  const shown = (xs: number[]) => uniformRate(xs) ?? Number(meanRate(xs).toFixed(2));
  const note = (p: Paradigm, xs: number[]) =>
    off(p) ? 'off in this mode' : uniformRate(xs) === null ? 'blocks differ · mean' : undefined;
  const set = (p: Paradigm) => (v: number) => edit((c) => withRate(c, p, null, v));
  return (
    <section className="section" aria-label="Rates of all blocks">
      <h2 className="section-title">All blocks</h2>
      {tf.mode === 'static' ? (
        <p className="hint">Every block runs densely: no decision networks, nothing skipped.</p>
      ) : null}
      <RateSlider
        label="Token keep rate"
        value={shown(tf.tokenRate)}
        note={note('token', tf.tokenRate)}
        disabled={off('token')}
        testId="tf-token-rate"
        onChange={(v) => set('token')(Math.max(0.01, v))}
      />
      <HeadsSlider
        heads={T2T_VARIANTS[tf.model].heads}
        steps={headRateSteps(T2T_VARIANTS[tf.model])}
        value={shown(tf.headRate)}
        note={note('head', tf.headRate)}
        disabled={off('head')}
        testId="tf-head-rate"
        onChange={set('head')}
      />
      <RateSlider
        label="Attention execution rate"
        value={shown(tf.attnRate)}
        note={note('attn', tf.attnRate)}
        disabled={off('attn')}
        testId="tf-attn-rate"
        onChange={set('attn')}
      />
      <RateSlider
        label="MLP execution rate"
        value={shown(tf.mlpRate)}
        note={note('mlp', tf.mlpRate)}
        disabled={off('mlp')}
        testId="tf-mlp-rate"
        onChange={set('mlp')}
      />
      <p className="hint">
        Tokens kept: trunc(197·t), class token included. Heads are offered as k of H, where the
        three head widths of the official code agree (spec T9).
      </p>
    </section>
  );
}
