/**
 * A rate change that leaves the presets and the axes alone renders nothing of the hardware view with
 * React: its numbers (bars, labels, table, the summary sentence) are written directly.
 */
import { Profiler } from 'react';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { formatMs, formatRatio } from '../../../../renderer/src/format';
import { useStudio } from '../../../../renderer/src/store';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { hardwareData } from '../../../../renderer/src/views/hardware/hardwareData';
import { loadStudio, renderWithHost, resetStudio } from '../support';

beforeEach(resetStudio);
afterEach(cleanup);

const base = defaultConfig('resnet101', 'v100');

/** The summary sentence as the view wrote it before numbers were written directly. */
function expectedSummary(): string {
  const rows = hardwareData(useStudio.getState().hardwareRows!, 'v100');
  const best = rows.reduce((a, b) => (b.ratio < a.ratio ? b : a), rows[0]!);
  const current = rows.find((r) => r.current)!;
  return (
    `ResNet-101 with this configuration is fastest relative to static on ${best.shortLabel} ` +
    `(ratio ${formatRatio(best.ratio)}); on the current ${current.shortLabel} the ratio is ` +
    `${formatRatio(current.ratio)}, ${formatMs(current.msPerImage)} per image.`
  );
}

describe('HardwareView on a rate change', () => {
  it('commits no React render and still writes every number', () => {
    loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    let commits = 0;
    renderWithHost(
      <Profiler id="hardware" onRender={() => commits++}>
        <HardwareView />
      </Profiler>,
    );
    const summary = () => screen.getByTestId('hardware-view').querySelector('p.explain')!;
    expect(summary().textContent).toBe(expectedSummary());
    const table = screen.getByTestId('hardware-table').textContent;
    const before = commits;
    act(() => {
      loadStudio({ ...base, targetRate: 0.55 }, { hardware: true });
    });
    expect(commits).toBe(before);
    expect(summary().textContent).toBe(expectedSummary());
    expect(screen.getByTestId('hardware-table').textContent).not.toBe(table);
  });

  it('renders again when the hardware changes (the current preset moves)', () => {
    loadStudio(base, { hardware: true });
    let commits = 0;
    renderWithHost(
      <Profiler id="hardware" onRender={() => commits++}>
        <HardwareView />
      </Profiler>,
    );
    const before = commits;
    act(() => {
      loadStudio(defaultConfig('resnet101', 'tx2'), { hardware: true });
    });
    expect(commits).toBeGreaterThan(before);
    expect(screen.getByTestId('hardware-view').querySelector('p.explain')!.textContent).toContain(
      'on the current Jetson TX2 the ratio is',
    );
  });
});
