/**
 * The store computes the live analysis in the same update that changes the configuration (where the
 * main-thread compute gives one): one state change, one React commit, never a stale pairing.
 */
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import { createStudioStore, useStudio } from '../../../renderer/src/store';
import { setTargetRate } from '../../../renderer/src/store/configEdits';
import { applyWorkerAnalysis } from '../../../renderer/src/worker/applyAnalysis';
import type { Analysis } from '../../../renderer/src/worker/types';

/** A fake analysis that remembers the configuration it was computed for. */
const fake = (config: StudioConfig, workerMs = 0.25) =>
  ({ workerMs, flopsRatio: config.targetRate, tag: config }) as unknown as Analysis;
const tagOf = (a: Analysis | null) => (a as unknown as { tag: StudioConfig } | null)?.tag;

afterEach(() => {
  cleanup();
  useStudio.getState().setMainThreadCompute(null);
});

describe('analysis in the update of the configuration', () => {
  it('an edit carries the analysis of its own configuration, in one state change', () => {
    const store = createStudioStore(defaultConfig('resnet101'));
    const computed: StudioConfig[] = [];
    store.getState().setMainThreadCompute((config) => {
      computed.push(config);
      return { analysis: fake(config), ms: 0.25 };
    });
    const seen: { config: StudioConfig; analysisConfig: StudioConfig | null }[] = [];
    store.subscribe((s) => seen.push({ config: s.config, analysisConfig: s.analysisConfig }));
    store.getState().editConfig((c) => setTargetRate(c, 0.31), 'global-rate');
    const s = store.getState();
    expect(seen).toHaveLength(1); // one notification: config and analysis together
    expect(seen[0]!.analysisConfig).toBe(s.config);
    expect(computed).toEqual([s.config]);
    expect(tagOf(s.analysis)).toBe(s.config);
    expect(s.analysisRevision).toBe(s.revision);
    expect(s.analysisSource).toBe('main');
    expect(s.lastComputeMs).toBe(0.25);
    expect(s.status).toBe('idle');
  });

  it('undo, redo and a restored configuration carry theirs too; other updates compute nothing', () => {
    const store = createStudioStore(defaultConfig('resnet101'));
    let calls = 0;
    store.getState().setMainThreadCompute((config) => {
      calls++;
      return { analysis: fake(config), ms: 0.1 };
    });
    store.getState().editConfig((c) => setTargetRate(c, 0.6));
    store.getState().undo();
    expect(tagOf(store.getState().analysis)).toBe(store.getState().config);
    expect(store.getState().config.targetRate).toBe(defaultConfig('resnet101').targetRate);
    store.getState().redo();
    expect(tagOf(store.getState().analysis)).toBe(store.getState().config);
    const restored = setTargetRate(defaultConfig('resnet50'), 0.7);
    store.setState({ config: restored }); // as the session restore does
    expect(tagOf(store.getState().analysis)).toBe(restored);
    expect(calls).toBe(4);
    store.getState().setActiveView('breakdown');
    store.getState().editConfig((c) => c); // no change
    expect(calls).toBe(4);
  });

  it('leaves the analysis to the worker where the compute declines (and without one)', () => {
    const store = createStudioStore(defaultConfig('resnet101'));
    store.getState().editConfig((c) => setTargetRate(c, 0.4));
    expect(store.getState().analysis).toBeNull();
    store.getState().setMainThreadCompute(() => null);
    store.getState().editConfig((c) => setTargetRate(c, 0.5));
    expect(store.getState().analysis).toBeNull();
    expect(store.getState().analysisConfig).toBeNull();
  });

  it("drops a worker's result for a configuration no longer live or already computed here", () => {
    const store = createStudioStore(defaultConfig('resnet101'));
    const first = store.getState().config;
    store.getState().editConfig((c) => setTargetRate(c, 0.45));
    const live = store.getState().config;
    const input = (config: StudioConfig) => ({ config, revision: 0 });
    expect(applyWorkerAnalysis(store, fake(first), input(first), 3)).toBe(false); // stale
    expect(store.getState().analysis).toBeNull();
    expect(applyWorkerAnalysis(store, fake(live), input(live), 3)).toBe(true);
    expect(store.getState().analysisSource).toBe('worker');
    // The main thread computed the live configuration: a late worker answer does not commit again.
    store.getState().setMainThreadCompute((config) => ({ analysis: fake(config), ms: 0.2 }));
    store.getState().editConfig((c) => setTargetRate(c, 0.55));
    const now = store.getState();
    let notified = 0;
    store.subscribe(() => notified++);
    expect(applyWorkerAnalysis(store, fake(now.config, 9), input(now.config), 9)).toBe(false);
    expect(notified).toBe(0);
    expect(store.getState().lastComputeMs).toBe(0.2);
  });

  it('a rate change renders controls and results in one React commit', () => {
    useStudio.setState({ config: defaultConfig('resnet101') });
    useStudio.getState().setMainThreadCompute((config) => ({ analysis: fake(config), ms: 0.2 }));
    const commits: { rate: string; shown: string }[] = [];
    function Rate() {
      return <span data-testid="rate">{useStudio((s) => s.config.targetRate)}</span>;
    }
    function Result() {
      const ratio = useStudio((s) => s.analysis?.flopsRatio ?? null);
      return <span data-testid="shown">{ratio === null ? '—' : String(ratio)}</span>;
    }
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    render(
      <Profiler
        id="shell"
        onRender={() =>
          commits.push({
            rate: text('rate'),
            shown: text('shown'),
          })
        }
      >
        <Rate />
        <Result />
      </Profiler>,
    );
    commits.length = 0;
    act(() => useStudio.getState().editConfig((c) => setTargetRate(c, 0.3721), 'global-rate'));
    expect(commits).toEqual([{ rate: '0.3721', shown: '0.3721' }]);
  });
});
