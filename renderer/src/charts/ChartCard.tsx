import { useId, useRef, useState, type ReactNode } from 'react';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { hardwareLabel, modelLabel } from '../labels';
import { chartToPng } from './exportPng';
import { serialiseChart } from './exportSvg';
import '../styles/views.css';

export interface ChartCardProps {
  title: string;
  subtitle?: ReactNode;
  /** Controls shown in the card header, left of the export buttons (toggles, selects). */
  actions?: ReactNode;
  /** The chart(s); every top-level `<svg>` inside is exported. */
  children: ReactNode;
  /** File name of exports, without extension ("latency-curves-stage3"). */
  exportName: string;
  /** A legend below the charts (use `ChartLegend`: it is redrawn in exports). */
  legend?: ReactNode;
  /**
   * What the chart is of, shown under the title and part of every export's title. Default: the
   * configuration's model, hardware and batch ("ResNet-50 · V100 · batch 128").
   */
  context?: string;
  /** Extra classes of the card's section (e.g. containment for charts that redraw often). */
  className?: string;
}

/** Model, hardware and batch of the current configuration, as chart titles name them. */
export function useChartContext(): string {
  // One string from the store: a rate change leaves it equal, so the card does not re-render for it.
  return useStudio((s) => {
    const batch = s.analysis?.prediction.batchSize;
    return [modelLabel(s.config), hardwareLabel(s.config), batch ? `batch ${batch}` : null]
      .filter(Boolean)
      .join(' · ');
  });
}

type ExportFormat = 'png' | 'svg';

/** A titled card around a chart with "Export PNG" / "Export SVG" buttons that save through the Host. */
export function ChartCard({
  title,
  subtitle,
  actions,
  children,
  exportName,
  legend,
  context,
  className,
}: ChartCardProps) {
  const defaultContext = useChartContext();
  const shownContext = context ?? defaultContext;
  const host = useHost();
  const contentRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const titleId = useId();

  async function exportChart(format: ExportFormat) {
    const root = contentRef.current;
    if (!root) return;
    const { notify } = useStudio.getState();
    setBusy(format);
    try {
      const subtitleText = typeof subtitle === 'string' ? subtitle : undefined;
      const chart = serialiseChart(root, {
        title: `${title} — ${shownContext}`,
        subtitle: subtitleText,
      });
      const data = format === 'svg' ? chart.svg : await chartToPng(chart);
      const saved = await host.saveFile({
        kind: format,
        suggestedName: `${exportName}.${format}`,
        data,
      });
      if (saved) notify('info', `Chart saved as ${saved.name}.`);
    } catch (err) {
      notify(
        'error',
        `Could not export the chart: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      setBusy(null);
    }
  }

  return (
    <section
      className={className ? `card chart-card ${className}` : 'card chart-card'}
      aria-labelledby={titleId}
    >
      <header className="chart-card-head">
        <div className="chart-card-titles">
          <div className="chart-card-title-row">
            <h3 className="chart-card-title" id={titleId}>
              {title}
            </h3>
            <span className="chart-card-context" data-testid="chart-context">
              {shownContext}
            </span>
          </div>
          {subtitle ? <p className="chart-card-subtitle">{subtitle}</p> : null}
        </div>
        <div className="chart-card-actions">
          {actions}
          <button
            type="button"
            className="btn small"
            disabled={busy !== null}
            onClick={() => void exportChart('png')}
            aria-label={`Export ${title} as PNG`}
          >
            Export PNG
          </button>
          <button
            type="button"
            className="btn small"
            disabled={busy !== null}
            onClick={() => void exportChart('svg')}
            aria-label={`Export ${title} as SVG`}
          >
            Export SVG
          </button>
        </div>
      </header>
      <div ref={contentRef} className="chart-card-content">
        {children}
        {legend}
      </div>
    </section>
  );
}
