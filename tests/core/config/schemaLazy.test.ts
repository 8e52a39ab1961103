import { describe, expect, it } from 'vitest';
import { studioConfigV1Schema, stageConfigSchema } from '../../../core/config/schema';
import { architectureSchema } from '../../../core/arch/json';
import { hardwareOverridesSchema, hardwareParamsSchema } from '../../../core/predictor/hardware';
import { lazily } from '../../../core/config/schemaLazy';

describe('lazily', () => {
  it('builds nothing until the first call, then returns the value built once', () => {
    let builds = 0;
    const get = lazily(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = get();
    expect(first).toEqual({ n: 1 });
    expect(get()).toBe(first);
    expect(builds).toBe(1);
  });

  it('builds again after a build that threw', () => {
    let calls = 0;
    const get = lazily(() => {
      calls++;
      if (calls === 1) throw new Error('first build fails');
      return calls;
    });
    expect(() => get()).toThrow('first build fails');
    expect(get()).toBe(2);
    expect(get()).toBe(2);
  });
});

describe('the schemas built on first use', () => {
  it('are the same schema objects on every call', () => {
    for (const get of [
      studioConfigV1Schema,
      stageConfigSchema,
      architectureSchema,
      hardwareParamsSchema,
      hardwareOverridesSchema,
    ])
      expect(get()).toBe(get());
  });

  it('still check their fields', () => {
    const stage = {
      mode: 'spatial',
      spatialGranularity: 4,
      channelGroupSize: 1,
      rate: 1.5,
      channelRate: null,
    };
    const parsed = stageConfigSchema().safeParse(stage);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must be between 0 and 1');
    expect(stageConfigSchema().safeParse({ ...stage, rate: 0.5 }).success).toBe(true);
    expect(hardwareOverridesSchema().safeParse({ batchSize: 0.5 }).success).toBe(false);
  });
});
