import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ChartCard } from '../../../renderer/src/charts/ChartCard';
import { useStudio } from '../../../renderer/src/store';
import { renderWithHost, resetStudio } from '../views/support';

describe('ChartCard', () => {
  beforeEach(() => {
    resetStudio();
    document.documentElement.style.setProperty('--card-test-ink', '#0a0b0c');
  });
  afterEach(() => {
    cleanup();
    document.documentElement.style.removeProperty('--card-test-ink');
  });

  it('shows its title, subtitle and actions', () => {
    renderWithHost(
      <ChartCard
        title="Latency curves"
        subtitle="Stage 3"
        exportName="curves"
        actions={<button type="button">Scope</button>}
      >
        <svg width="10" height="10" />
      </ChartCard>,
    );
    expect(screen.getByRole('region', { name: 'Latency curves' })).toBeTruthy();
    expect(screen.getByText('Stage 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Scope' })).toBeTruthy();
  });

  it('saves the chart as SVG through the host, under the export name', async () => {
    const { host } = renderWithHost(
      <ChartCard title="Hardware comparison" exportName="hardware-comparison">
        <svg width="120" height="60">
          <rect width="40" height="40" fill="var(--card-test-ink)" />
        </svg>
      </ChartCard>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export Hardware comparison as SVG' }));
    await waitFor(() => expect(host.saved.length).toBe(1));
    const saved = host.saved[0]!;
    expect(saved.kind).toBe('svg');
    expect(saved.suggestedName).toBe('hardware-comparison.svg');
    expect(typeof saved.data).toBe('string');
    expect(saved.data as string).toContain('#0a0b0c');
    expect(saved.data as string).toContain('Hardware comparison');
    await waitFor(() =>
      expect(useStudio.getState().notices.map((n) => n.text)).toContain(
        'Chart saved as hardware-comparison.svg.',
      ),
    );
  });

  it('reports an error, and saves nothing, when there is no chart yet', async () => {
    const { host } = renderWithHost(
      <ChartCard title="Empty" exportName="empty">
        <p>Predicting…</p>
      </ChartCard>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export Empty as SVG' }));
    await waitFor(() =>
      expect(useStudio.getState().notices.some((n) => n.kind === 'error')).toBe(true),
    );
    expect(host.saved).toEqual([]);
  });
});
