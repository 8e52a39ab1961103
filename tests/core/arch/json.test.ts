import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ARCHITECTURES,
  findBuiltinArchitecture,
  parseArchitectureJson,
} from '../../../core/arch';

const r50 = findBuiltinArchitecture('resnet50')!;
const clone = () =>
  JSON.parse(JSON.stringify(r50)) as Record<string, unknown> & {
    stages: Record<string, unknown>[];
  };

function expectError(input: unknown, ...fragments: string[]) {
  const res = parseArchitectureJson(input);
  expect(res.ok).toBe(false);
  if (!res.ok) for (const f of fragments) expect(res.error).toContain(f);
}

describe('parseArchitectureJson', () => {
  it('accepts every built-in architecture, as text and as a value', () => {
    for (const a of BUILTIN_ARCHITECTURES) {
      const fromText = parseArchitectureJson(JSON.stringify(a));
      expect(fromText).toEqual({ ok: true, arch: a });
      expect(parseArchitectureJson(a).ok).toBe(true);
    }
  });

  it('accepts a user-defined narrow ResNet with different block counts', () => {
    const a = clone();
    a.id = 'resnet26-narrow';
    a.label = 'ResNet-26 narrow';
    a.trainingArch = null;
    a.stages = a.stages.map((s, i) => ({
      ...s,
      blocks: 2,
      outChannels: [128, 256, 512, 1024][i],
      inChannels: [64, 128, 256, 512][i],
    }));
    const res = parseArchitectureJson(a);
    expect(res.ok).toBe(true);
  });

  it('rejects malformed JSON with a message', () => {
    expectError('{"id": ', 'not valid JSON');
  });

  it('names the field of a wrong type', () => {
    const a = clone();
    a.stages[2]!.blocks = 'six';
    expectError(a, 'stages[2].blocks');
  });

  it('rejects unknown fields by name', () => {
    const a = clone();
    a.dropout = 0.2;
    expectError(a, 'dropout', 'unknown field');
  });

  it('rejects a stage whose input channels do not chain', () => {
    const a = clone();
    a.stages[2]!.inChannels = 256;
    expectError(a, 'stages[2].inChannels', 'stages[1].outChannels (512)');
  });

  it('rejects a resolution that does not follow the stride', () => {
    const a = clone();
    a.stages[1]!.outResolution = 56;
    expectError(a, 'stages[1].outResolution', 'must be 28');
  });

  it('rejects an inner width not divisible by the group width', () => {
    const a = JSON.parse(JSON.stringify(findBuiltinArchitecture('regnety004'))) as Record<
      string,
      unknown
    >;
    a.groupWidth = 5;
    expectError(a, 'groupWidth', 'does not divide');
  });

  it('rejects a stride other than 1 or 2 and an empty stage list', () => {
    const a = clone();
    a.stages[0]!.firstStride = 3;
    expectError(a, 'stages[0].firstStride');
    const b = clone();
    b.stages = [];
    expectError(b, 'stages');
  });

  it('rejects non-objects', () => {
    expectError(null, '(root)');
    expectError('42', '(root)');
  });
});
