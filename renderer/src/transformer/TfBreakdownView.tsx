import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from '../store/shallow';
import type { TransformerPrediction } from '../../../core/transformer';
import { ChartCard } from '../charts/ChartCard';
import { ChartFrame } from '../charts/ChartFrame';
import { ChartLegend, type LegendItem } from '../charts/ChartLegend';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../charts/theme';
import { useStudio } from '../store';
import {
  GROUP_COLOR,
  GROUP_LABEL,
  blockBars,
  modelRows,
  partGroup,
  type PartGroup,
} from './breakdownData';
import { niceAxis } from './chartScale';
import { formatMsPrecise } from './format';
import { useTfChartContext } from './useTfChartContext';

const GROUPS: PartGroup[] = ['decision', 'attention', 'mlp'];

/** Per-block breakdown: the model's parts, each block's groups as stacked bars, the selected block's parts. */
export function TfBreakdownView() {
  const { p, block } = useStudio(useShallow((s) => ({ p: s.tfPrediction, block: s.tfBlock })));
  const context = useTfChartContext();
  if (!p) return <p className="hint">Predicting…</p>;
  const legend: LegendItem[] = [
    ...GROUPS.map((g) => ({ label: GROUP_LABEL[g], color: GROUP_COLOR[g] })),
    {
      label: `Static block (${formatMsPrecise(((p.blocks[0]?.staticS ?? 0) / p.batchSize) * 1000)})`,
      color: 'var(--text-2)',
      swatch: 'dashed' as const,
    },
  ];
  return (
    <div className="tf-view tf-breakdown">
      <ChartCard
        title="Latency per block"
        subtitle="Decision networks, attention and MLP sub-blocks of every block (ms per image); click a bar for its parts"
        exportName="transformer-breakdown"
        context={context}
        legend={<ChartLegend items={legend} label="Parts" />}
      >
        <div className="tf-chart-box short" data-testid="tf-breakdown-chart">
          <BlocksChart p={p} />
        </div>
      </ChartCard>
      <div className="tf-two-col">
        <ModelTable p={p} />
        <BlockParts p={p} block={block} />
      </div>
    </div>
  );
}

const MARGIN = { top: 12, right: 20, bottom: 28, left: 12 };

const BlocksChart = memo(function BlocksChart({ p }: { p: TransformerPrediction }) {
  const bars = blockBars(p);
  const staticMs = ((p.blocks[0]?.staticS ?? 0) / p.batchSize) * 1000;
  const y = niceAxis(Math.max(staticMs, ...bars.map((b) => b.total)) * 1.05, 5);
  return (
    <ChartFrame heightPx={260}>
      {(width) => (
        <BarChart
          width={width}
          height={260}
          data={bars}
          margin={MARGIN}
          onClick={(e) => {
            const i = Number(e?.activeLabel);
            if (Number.isInteger(i)) useStudio.getState().selectTfBlock(i);
          }}
        >
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="block"
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            label={{
              value: 'Block',
              position: 'insideBottom',
              offset: -14,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            domain={[0, y.top]}
            ticks={y.ticks}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            width={58}
            tickFormatter={(v: number) => v.toFixed(3)}
            label={{
              value: 'ms per image',
              angle: -90,
              position: 'insideLeft',
              offset: 6,
              dy: 40,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v: unknown) => (typeof v === 'number' ? formatMsPrecise(v) : String(v))}
            labelFormatter={(l: unknown) => `Block ${String(l)}`}
          />
          <ReferenceLine y={staticMs} stroke="var(--text-2)" strokeDasharray="6 4" />
          {GROUPS.map((g) => (
            <Bar
              key={g}
              dataKey={g}
              name={GROUP_LABEL[g]}
              stackId="b"
              fill={GROUP_COLOR[g]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
});

function ModelTable({ p }: { p: TransformerPrediction }) {
  const rows = modelRows(p);
  const total = p.latencyMsPerImage;
  return (
    <section className="card tf-card" aria-label="Model parts">
      <h3 className="card-title">Whole model</h3>
      <table className="data" data-testid="tf-model-table">
        <thead>
          <tr>
            <th>Part</th>
            <th>ms / image</th>
            <th>Share</th>
            <th>Static</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.label === 'All blocks' ? 'tf-subtotal' : undefined}>
              <td>{r.label}</td>
              <td data-exact={String(r.ms)}>{r.ms.toFixed(4)}</td>
              <td>{((r.ms / total) * 100).toFixed(1)} %</td>
              <td>{Number.isFinite(r.staticMs) ? r.staticMs.toFixed(4) : '—'}</td>
            </tr>
          ))}
          <tr className="tf-total">
            <td>Total</td>
            <td data-testid="tf-breakdown-total" data-exact={String(total)}>
              {total.toFixed(4)}
            </td>
            <td>100 %</td>
            <td>{p.staticMsPerImage.toFixed(4)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function BlockParts({ p, block }: { p: TransformerPrediction; block: number }) {
  const b = p.blocks[block] ?? p.blocks[0];
  if (!b) return null;
  const toMs = (s: number) => (s / p.batchSize) * 1000;
  const total = toMs(b.totalS);
  const s = b.setting;
  return (
    <section
      className="card tf-card"
      aria-label={`Parts of block ${b.index}`}
      data-testid="tf-block-parts"
    >
      <h3 className="card-title">
        Block {b.index} · {formatMsPrecise(total)}
      </h3>
      <p className="hint">
        {b.tokensKept} of 197 tokens · {b.headsKept} heads · attention × {s.attnRate} · MLP ×{' '}
        {s.mlpRate}
      </p>
      <table className="data">
        <tbody>
          {b.parts
            .filter((part) => part.seconds !== 0)
            .map((part) => (
              <tr key={part.name}>
                <td>
                  <span
                    className="tf-dot"
                    style={{ background: GROUP_COLOR[partGroup(part.name)] }}
                  />
                  {part.name}
                </td>
                <td>{toMs(part.seconds).toFixed(4)} ms</td>
                <td>{((toMs(part.seconds) / total) * 100).toFixed(1)} %</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
