/**
 * Issue 11 acceptance 3: `predict`, `export --format train-flags` and the app's stage cards apply the same
 * trainability rule because they call the same function. The function is replaced by a spy that flags one
 * setting the real rule accepts (ResNet-50 stage 2 in spatial mode) with a sentinel reason: every surface
 * must show that sentinel, which only happens if it asked the shared function.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { defaultConfig } from '../../../core/config';
import type * as Trainability from '../../../core/config/trainability';
import { StagesSection } from '../../../renderer/src/controls/StagesSection';
import { useStudio } from '../../../renderer/src/store';

const SENTINEL = 'sentinel reason from the shared rule';

const spy = vi.hoisted(() => ({ calls: 0 }));

vi.mock('../../../core/config/trainability', async (importOriginal) => {
  const real = await importOriginal<typeof Trainability>();
  const stageTrainability: typeof real.stageTrainability = (arch, stage, mode, g) => {
    spy.calls++;
    if (arch.id === 'resnet50' && stage === 1 && mode === 'spatial') {
      return [
        {
          stage,
          rule: 'group-size',
          reason: SENTINEL,
          message: `stage 2: ${real.NOT_TRAINABLE}: ${SENTINEL}`,
        },
      ];
    }
    return real.stageTrainability(arch, stage, mode, g);
  };
  return { ...real, stageTrainability };
});

async function cli(argv: string[]) {
  const io = memoryIo({});
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const SPATIAL = [
  '--model',
  'resnet50',
  '--mode',
  'spatial',
  '--granularity',
  '4-4-2-1',
  '--rate',
  '0.5',
];

afterEach(cleanup);

describe('one trainability function for predict, export and the app', () => {
  it('predict reports the shared function’s verdict', async () => {
    const before = spy.calls;
    const r = await cli(['predict', ...SPATIAL, '--hardware', 'v100', '--json']);
    expect(r.code).toBe(0);
    expect(spy.calls).toBeGreaterThan(before);
    const j = JSON.parse(r.stdout) as { trainable: boolean; notTrainable: string[] };
    expect(j.trainable).toBe(false);
    expect(j.notTrainable).toEqual([`stage 2: not trainable with the reference code: ${SENTINEL}`]);
  });

  it('export --format train-flags refuses with the shared function’s sentence', async () => {
    const before = spy.calls;
    const r = await cli(['export', ...SPATIAL, '--format', 'train-flags']);
    expect(spy.calls).toBeGreaterThan(before);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`stage 2: not trainable with the reference code: ${SENTINEL}`);
  });

  it('the stage card marks the stage with the shared function’s reason', () => {
    const config = defaultConfig('resnet50');
    config.stages.forEach((s) => (s.mode = 'spatial'));
    useStudio.setState({ config });
    const before = spy.calls;
    render(<StagesSection />);
    expect(spy.calls).toBeGreaterThan(before);
    const note = screen.getByTestId('stage-2-trainability');
    expect(note.textContent).toContain('Not trainable with the reference code');
    expect(note.textContent).toContain(SENTINEL);
    expect(screen.queryByTestId('stage-1-trainability')).toBeNull();
  });
});
