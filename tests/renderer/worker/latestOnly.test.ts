import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../../renderer/src/worker/latestOnly';

describe('latestOnly', () => {
  it('runs one job at a time and skips superseded inputs', async () => {
    const started: number[] = [];
    const shown: number[] = [];
    const resolvers: (() => void)[] = [];
    const submit = latestOnly(
      (n: number) => {
        started.push(n);
        return new Promise<number>((resolve) => resolvers.push(() => resolve(n * 10)));
      },
      (out) => shown.push(out),
      () => undefined,
    );
    submit(1);
    submit(2);
    submit(3);
    expect(started).toEqual([1]);
    resolvers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    // 1 finished while 3 was waiting: its result is stale and not shown; 2 was never run.
    expect(shown).toEqual([]);
    expect(started).toEqual([1, 3]);
    resolvers[1]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toEqual([30]);
  });

  it('reports errors and keeps going', async () => {
    const errors: unknown[] = [];
    const shown: number[] = [];
    const submit = latestOnly(
      (n: number) => (n < 0 ? Promise.reject(new Error('negative')) : Promise.resolve(n)),
      (out) => shown.push(out),
      (err) => errors.push(err),
    );
    submit(-1);
    await new Promise((r) => setTimeout(r, 0));
    submit(5);
    await new Promise((r) => setTimeout(r, 0));
    expect((errors[0] as Error).message).toBe('negative');
    expect(shown).toEqual([5]);
  });
});
