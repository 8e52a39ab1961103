import { exportTrainingFlags } from '../../../core/export/trainingFlags';
import { buildLatencyReport } from '../../../core/export/report';
import { reportToCsv, reportToJson, reportToMarkdown } from '../../../core/export/formats';
import type { Host } from '../host/types';
import { useStudio } from '../store';
import { configFileName } from './configFiles';

export type ReportFormat = 'json' | 'csv' | 'markdown' | 'text';

const EXT: Record<ReportFormat, string> = {
  json: 'report.json',
  csv: 'report.csv',
  markdown: 'report.md',
  text: 'train-flags.txt',
};

function baseName(): string {
  return configFileName().replace(/\.laudnet\.json$|\.json$/, '');
}

/** The training flags, or an Error naming why the reference code cannot train this configuration. */
function trainableFlags() {
  const flags = exportTrainingFlags(useStudio.getState().config);
  if (flags.notTrainable.length > 0)
    throw new Error(flags.notTrainable.map((p) => p.message).join('; '));
  return flags;
}

/** Text of an export: the latency report (JSON, CSV, Markdown) or the training-flag line. */
export function reportText(format: ReportFormat, appVersion?: string): string {
  const { config, analysis } = useStudio.getState();
  if (format === 'text') return `${trainableFlags().line}\n`;
  if (!analysis) throw new Error('the prediction is not ready yet');
  const report = buildLatencyReport(
    config,
    analysis.prediction,
    analysis.flops,
    appVersion ? { appVersion } : {},
  );
  if (format === 'json') return reportToJson(report);
  if (format === 'csv') return reportToCsv(report);
  return reportToMarkdown(report);
}

/** Saves a report (desktop: save dialog; web: download). */
export async function exportReport(host: Host, format: ReportFormat): Promise<void> {
  const data = reportText(format, (await host.appInfo()).version);
  const kind = format === 'markdown' ? 'markdown' : format;
  const saved = await host.saveFile({ kind, suggestedName: `${baseName()}.${EXT[format]}`, data });
  if (saved) useStudio.getState().notify('info', `Saved ${saved.name}.`);
}

/** Copies the training-script flags to the clipboard. */
export async function copyTrainingFlags(host: Host): Promise<void> {
  const { notify } = useStudio.getState();
  const flags = trainableFlags();
  await host.copyText(flags.line);
  notify(
    flags.warnings.length ? 'error' : 'info',
    flags.warnings.length
      ? `Training flags copied, but: ${flags.warnings.join('; ')}.`
      : 'Training flags copied to the clipboard.',
  );
}

/** Exports the first chart of the visible view (the command-palette / menu route to a chart card's buttons). */
export function exportChart(_host: Host, format: 'png' | 'svg'): void {
  const button = document.querySelector<HTMLButtonElement>(
    `#view-panel .chart-card button[aria-label$="as ${format.toUpperCase()}"]`,
  );
  if (!button) {
    useStudio.getState().notify('error', 'This view has no chart to export.');
    return;
  }
  button.click();
}
