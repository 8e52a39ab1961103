/**
 * Accuracy where the user has it: a CSV of their training runs (configuration, top-1 accuracy) plotted as
 * accuracy against predicted latency, with its Pareto front. Only the file's accuracies are shown.
 */
import { useMemo, useRef, useState } from 'react';
import { accuracyPlot, parseAccuracyCsv, type AccuracyPlot } from '../../../../core/explore';
import type { ExploreDevice } from '../../../../core/explore';
import { createPredictor } from '../../../../core/predictor/context';
import { formatPercent } from '../../format';
import { presetShortLabel } from '../../labels';
import { useStudio } from '../../store';
import { ExploreScatter, type ScatterSeries } from './ExploreScatter';
import { DEVICE_COLORS, fmtMs } from './exploreState';

interface Imported {
  name: string;
  csvText: string;
  files: Map<string, string>;
}

const TABLE_EXT = /\.(csv|tsv|txt)$/i;
const MAX_ERRORS_SHOWN = 8;

/** The chosen file a row's path names: same relative path, else same file name. */
function findFile(files: Map<string, string>, path: string): string | undefined {
  const norm = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const base = norm.split('/').pop() ?? norm;
  return files.get(norm) ?? files.get(base);
}

export function AccuracyPanel({ devices }: { devices: ExploreDevice[] }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const config = useStudio((s) => s.config);

  async function onFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const all = [...list];
    const csv = all.find((f) => TABLE_EXT.test(f.name));
    if (!csv) {
      setReadError(
        `Choose a .csv file (with any configuration files it names); found ${all.map((f) => f.name).join(', ')}`,
      );
      return;
    }
    const files = new Map<string, string>();
    for (const f of all) if (f !== csv) files.set(f.name, await f.text());
    setReadError(null);
    setImported({ name: csv.name, csvText: await csv.text(), files });
  }

  // Rows are predicted on each explored device; the configurations' own hardware is not used.
  const plots: AccuracyPlot[] = useMemo(() => {
    if (!imported) return [];
    const csv = parseAccuracyCsv(imported.csvText);
    return devices.map((d) =>
      accuracyPlot(csv, config, (p) => findFile(imported.files, p), createPredictor(d.params)),
    );
  }, [imported, devices, config]);

  const series: ScatterSeries[] = plots.map((p, h) => ({
    label: presetShortLabel(devices[h]!.id),
    color: DEVICE_COLORS[h % DEVICE_COLORS.length]!,
    x: p.points.map((x) => x.latencyMsPerImage),
    y: p.points.map((x) => x.row.accuracy),
    front: p.front,
    dots: true,
  }));
  const first = plots[0];
  const adopt = (h: number, i: number) => {
    const point = plots[h]?.points[i];
    if (!point) return;
    const s = useStudio.getState();
    s.replaceConfig(point.config);
    s.notify('info', `Adopted the configuration of '${point.row.label}' (line ${point.row.line}).`);
  };

  return (
    <section
      className="chart-card"
      aria-label="Accuracy from your training runs"
      data-testid="accuracy-panel"
    >
      <div className="chart-card-head">
        <div className="chart-card-titles">
          <h3 className="chart-card-title">Accuracy from your training runs</h3>
          <div className="chart-card-context">
            {imported
              ? `${imported.name} · ${first?.points.length ?? 0} runs plotted`
              : 'Nothing is shown until you import your own results'}
          </div>
        </div>
        <div className="chart-card-actions">
          <button type="button" className="btn" onClick={() => inputRef.current?.click()}>
            Import accuracy CSV…
          </button>
          <input
            ref={inputRef}
            type="file"
            multiple
            hidden
            accept=".csv,.tsv,.txt,.json"
            data-testid="accuracy-input"
            onChange={(e) => {
              void onFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </div>
      {readError ? (
        <p className="explore-error" role="alert">
          {readError}
        </p>
      ) : null}
      {!imported ? (
        <p className="hint explore-accuracy-help">
          One row per run: the configuration (a configuration file, <code>laudnet predict</code> or
          training-script flags, or inline JSON) and its top-1 accuracy (76.1, 76.1 % or 0.761).
          Choose the CSV together with the configuration files it names. Latency is predicted for
          each run on the explored hardware.
        </p>
      ) : null}
      {first && first.errors.length > 0 ? (
        <div className="explore-row-errors" role="status">
          <strong>
            {first.errors.length} row{first.errors.length > 1 ? 's' : ''} not plotted:
          </strong>
          <ul>
            {first.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => (
              <li key={e}>{e}</li>
            ))}
            {first.errors.length > MAX_ERRORS_SHOWN ? (
              <li>… and {first.errors.length - MAX_ERRORS_SHOWN} more</li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {first && first.points.length > 0 ? (
        <>
          <ExploreScatter
            testId="accuracy-scatter"
            series={series}
            height={340}
            xLog={devices.length > 1}
            xLabel={`Predicted latency (ms per image${devices.length > 1 ? ', log scale' : ''})`}
            yLabel="Top-1 accuracy (from your file)"
            yTick={(v) => `${Number((v * 100).toPrecision(4))} %`}
            ariaLabel="Imported top-1 accuracy against predicted latency"
            onPick={adopt}
            tooltip={(h, i) => {
              const p = plots[h]!.points[i]!;
              return (
                <>
                  <div className="explore-tooltip-title">{p.row.label}</div>
                  <div className="mono">
                    top-1 {formatPercent(p.row.accuracy, 2)} · {fmtMs(p.latencyMsPerImage)} per
                    image
                  </div>
                  <div className="explore-tooltip-hint">
                    line {p.row.line} · {presetShortLabel(devices[h]!.id)}
                    {plots[h]!.front.includes(i) ? ' · on the front' : ''} · click to adopt
                  </div>
                </>
              );
            }}
          />
          <ul className="chart-legend explore-legend" aria-label="Accuracy legend">
            {series.map((s) => (
              <li key={s.label}>
                <span className="explore-legend-dot" style={{ background: s.color }} />
                {s.label}: your runs
                <span className="explore-legend-front" style={{ background: s.color }} />
                Pareto front (accuracy ↑, latency ↓)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
