import { T2T_VARIANTS, headRateSteps } from '../../../core/transformer';
import { useStudio } from '../store';
import {
  keptTokenCount,
  nearestStep,
  paradigmActive,
  withRate,
  type Paradigm,
  type TfUiConfig,
} from './tfConfig';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function setRate(p: Paradigm, block: number, value: number) {
  useStudio.getState().editTransformer((c) => withRate(c, p, block, value));
}

/** Per-block rates: token keep rate, heads kept (k of H), attention and MLP execution rates. */
export function BlockTable({ tf }: { tf: TfUiConfig }) {
  const selected = useStudio((s) => s.tfBlock);
  const variant = T2T_VARIANTS[tf.model];
  const steps = headRateSteps(variant);
  const on = (p: Paradigm) => paradigmActive(tf.mode, p);
  const rateInput = (p: Paradigm, block: number, value: number, min: number, label: string) => (
    <input
      type="number"
      min={min}
      max={1}
      step={0.05}
      value={on(p) ? Number(value.toFixed(4)) : 1}
      disabled={!on(p)}
      aria-label={`${label} of block ${block}`}
      data-testid={`tf-block-${block}-${p}`}
      onChange={(e) => {
        const v = Number(e.currentTarget.value);
        if (e.currentTarget.value === '' || !Number.isFinite(v)) return;
        setRate(p, block, Math.max(min, clamp01(v)));
      }}
    />
  );
  return (
    <div className="tf-block-table-wrap">
      <table className="data tf-block-table" data-testid="tf-block-table">
        <thead>
          <tr>
            <th>Block</th>
            <th title="Token keep rate (tokens kept of 197)">Tokens</th>
            <th title="Heads kept of H">Heads</th>
            <th title="Attention execution rate">Attn</th>
            <th title="MLP execution rate">MLP</th>
          </tr>
        </thead>
        <tbody>
          {tf.tokenRate.map((t, i) => {
            const h = tf.headRate[i] ?? 1;
            const k = steps.indexOf(nearestStep(steps, h)) + 1;
            return (
              <tr
                key={i}
                className={i === selected ? 'selected' : undefined}
                onFocusCapture={() => useStudio.getState().selectTfBlock(i)}
                onClick={() => useStudio.getState().selectTfBlock(i)}
              >
                <td>{i}</td>
                <td title={on('token') ? `${keptTokenCount(t)} of 197 tokens` : 'All 197 tokens'}>
                  {rateInput('token', i, t, 0.01, 'Token keep rate')}
                </td>
                <td>
                  <select
                    value={on('head') ? k : steps.length}
                    disabled={!on('head')}
                    aria-label={`Heads kept of block ${i}`}
                    data-testid={`tf-block-${i}-head`}
                    onChange={(e) => {
                      const next = steps[Number(e.currentTarget.value) - 1];
                      if (next !== undefined) setRate('head', i, next);
                    }}
                  >
                    {steps.map((_, j) => (
                      <option key={j} value={j + 1}>
                        {j + 1}/{variant.heads}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{rateInput('attn', i, tf.attnRate[i] ?? 1, 0, 'Attention execution rate')}</td>
                <td>{rateInput('mlp', i, tf.mlpRate[i] ?? 1, 0, 'MLP execution rate')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
