import { useEffect, useState } from 'react';
import { formatInputSize } from '../../../../core/arch';
import { parseConfig } from '../../../../core/config/parse';
import { configInputSize } from '../../../../core/config/resolve';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { useHost } from '../../hostContext';
import type { Host } from '../../host/types';
import { useStudio } from '../../store';
import { MAX_PINNED, type PinnedConfig } from '../../store/compareSlice';
import { CompareCurvesChart, CompareHardwareChart, pinColor } from './CompareCharts';
import { compareColumns, type CompareColumn } from './compareData';
import { compareToCsv, compareToMarkdown } from './compareExport';
import { BlockDiffTable, SummaryTable } from './CompareTables';
import '../../styles/views.css';
import './compare.css';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function pinFile(host: Host) {
  const { notify, pinToCompare } = useStudio.getState();
  try {
    const file = await host.openFile('config');
    if (!file) return;
    const parsed = parseConfig(new TextDecoder().decode(file.bytes));
    if (!parsed.ok) {
      notify('error', `${file.name}: ${parsed.error}`);
      return;
    }
    const label = parsed.config.name || file.name.replace(/\.laudnet\.json$|\.json$/, '');
    const res = pinToCompare(parsed.config, label, 'file');
    if (!res.ok) notify('error', res.error);
  } catch (err) {
    notify('error', `Could not open the configuration: ${message(err)}`);
  }
}

async function saveText(host: Host, kind: 'markdown' | 'csv', name: string, data: string) {
  const { notify } = useStudio.getState();
  try {
    const saved = await host.saveFile({ kind, suggestedName: name, data });
    if (saved) notify('info', `Comparison saved as ${saved.name}.`);
  } catch (err) {
    notify('error', `Could not save the comparison: ${message(err)}`);
  }
}

/** Columns for the pins, computed one pin per task so the page stays responsive while they load. */
function useColumns(pins: readonly PinnedConfig[]): CompareColumn[] | null {
  const [state, setState] = useState<{ pins: readonly PinnedConfig[]; cols: CompareColumn[] }>({
    pins: [],
    cols: [],
  });
  useEffect(() => {
    let cancelled = false;
    const cols: CompareColumn[] = [];
    const step = (i: number) => {
      if (cancelled) return;
      if (i >= pins.length) {
        setState({ pins, cols });
        return;
      }
      cols.push(...compareColumns([pins[i]!]));
      setTimeout(() => step(i + 1), 0);
    };
    const t = setTimeout(() => step(0), 0);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [pins]);
  return state.pins === pins ? state.cols : null;
}

function PinChip({
  pin,
  index,
  column,
}: {
  pin: PinnedConfig;
  index: number;
  column?: CompareColumn;
}) {
  const { unpinCompare, renameCompare } = useStudio.getState();
  return (
    <li className="compare-pin" data-testid="compare-pin">
      <span className="compare-pin-swatch" style={{ background: pinColor(index) }} />
      <div className="compare-pin-body">
        <input
          type="text"
          className="compare-pin-label"
          defaultValue={pin.label}
          aria-label={`Name of pinned configuration ${index + 1}`}
          onBlur={(e) => renameCompare(pin.id, e.currentTarget.value)}
        />
        <span className="hint">
          {column
            ? `${column.model} · ${column.inputSize}${column.offImageNet ? ' (not 224)' : ''} · ${column.hardware}`
            : 'Computing…'}
          {` · ${pin.source === 'file' ? 'file' : pin.source === 'current' ? 'pinned from the tuner' : 'explorer point'}`}
        </span>
      </div>
      <button
        type="button"
        className="btn small"
        aria-label={`Unpin ${pin.label}`}
        onClick={() => unpinCompare(pin.id)}
      >
        Unpin
      </button>
    </li>
  );
}

/** Compare: up to four pinned configurations side by side (curves, hardware, FLOPs, per-block diff). */
export function CompareView() {
  const host = useHost();
  const pins = useStudio((s) => s.pinned);
  const columns = useColumns(pins);
  const full = pins.length >= MAX_PINNED;
  const pinCurrent = () => {
    const { config, pinToCompare, notify } = useStudio.getState();
    const size = configInputSize(config);
    const sized = size.height !== 224 || size.width !== 224 ? `, ${formatInputSize(size)}` : '';
    const res = pinToCompare(
      config,
      `${config.name || 'Current configuration'}${sized}`,
      'current',
    );
    if (!res.ok) notify('error', res.error);
  };
  // The label first; model and size only where the label does not already say them.
  const legend: LegendItem[] = (columns ?? []).map((c, i) => ({
    label: `${c.label} (${[c.model, c.inputSize]
      .filter((x) => !c.label.includes(x))
      .concat(c.hardware)
      .join(', ')})`,
    color: pinColor(i),
  }));
  const count = (n: number) => `${n} configuration${n === 1 ? '' : 's'}`;
  const ready = columns !== null && columns.length > 0;
  return (
    <div className="view-stack compare-view" data-testid="compare-view">
      <div className="compare-toolbar">
        <button type="button" className="btn small primary" disabled={full} onClick={pinCurrent}>
          Pin current configuration
        </button>
        <button
          type="button"
          className="btn small"
          disabled={full}
          onClick={() => void pinFile(host)}
        >
          Pin configuration file…
        </button>
        <span className="hint">
          {pins.length} of {MAX_PINNED} pinned
        </span>
        <span className="compare-toolbar-spacer" />
        <button
          type="button"
          className="btn small"
          disabled={!ready}
          data-testid="compare-export-md"
          onClick={() =>
            columns && void saveText(host, 'markdown', 'comparison.md', compareToMarkdown(columns))
          }
        >
          Export Markdown
        </button>
        <button
          type="button"
          className="btn small"
          disabled={!ready}
          data-testid="compare-export-csv"
          onClick={() =>
            columns && void saveText(host, 'csv', 'comparison.csv', compareToCsv(columns))
          }
        >
          Export CSV
        </button>
        <button
          type="button"
          className="btn small"
          disabled={pins.length === 0}
          onClick={() => useStudio.getState().clearCompare()}
        >
          Clear
        </button>
      </div>
      {pins.length === 0 ? (
        <p className="view-empty" data-testid="compare-empty">
          Pin up to four configurations to compare them side by side: the current one, saved
          configuration files, or points of the design-space explorer.
        </p>
      ) : (
        <ul className="compare-pins">
          {pins.map((p, i) => (
            <PinChip key={p.id} pin={p} index={i} column={columns?.find((c) => c.id === p.id)} />
          ))}
        </ul>
      )}
      {pins.length > 0 && !ready ? <Predicting what="Comparing configurations…" /> : null}
      {ready ? (
        <>
          <SummaryTable columns={columns} />
          {columns.some((c) => c.offImageNet) ? (
            <p className="hint" data-testid="compare-size-note">
              Sizes other than 224×224 are predicted at that input&apos;s feature sizes; the
              reference training code trains 224×224 classification only.
            </p>
          ) : null}
          <ChartCard
            title="Latency vs uniform rate"
            subtitle="Every stage at the same activation rate (stage and block overrides removed), each configuration on its own hardware."
            context={count(columns.length)}
            exportName="compare-curves"
            legend={<ChartLegend items={legend} label="Pinned configurations" />}
          >
            <CompareCurvesChart columns={columns} />
          </ChartCard>
          <ChartCard
            title="Latency on every hardware preset"
            subtitle="Each preset at its own batch size; ms per image = batch latency ÷ batch size. † not validated against measurements."
            context={count(columns.length)}
            exportName="compare-hardware"
            legend={<ChartLegend items={legend} label="Pinned configurations" />}
          >
            <CompareHardwareChart columns={columns} />
          </ChartCard>
          <BlockDiffTable columns={columns} />
        </>
      ) : null}
    </div>
  );
}
