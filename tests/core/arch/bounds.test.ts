import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES, parseArchitectureJson } from '../../../core/arch';
import { findJsonSyntaxProblem, parseJsonText } from '../../../core/config/jsonSyntax';

const base = BUILTIN_ARCHITECTURES.find((a) => a.id === 'resnet50')!;
const refuse = (patch: Record<string, unknown>) => {
  const r = parseArchitectureJson({ ...structuredClone(base), id: 'custom', ...patch });
  if (r.ok) throw new Error('accepted');
  return r.error;
};

describe('architecture bounds', () => {
  it('accepts every built-in network', () => {
    for (const a of BUILTIN_ARCHITECTURES) expect(parseArchitectureJson(a).ok).toBe(true);
  });

  it('names each number that is out of any real range', () => {
    expect(refuse({ stem: { ...base.stem, outChannels: 1e10 } })).toContain(
      'stem.outChannels: must be at most 65,536',
    );
    expect(refuse({ numClasses: 1e12 })).toContain('numClasses: must be at most 1,000,000');
    expect(refuse({ bottleneckRatio: 1e-300 })).toContain('bottleneckRatio: must be at least 1/64');
    expect(refuse({ seRatio: 5e-324 })).toContain('seRatio: must be at least 1/1024');
    expect(refuse({ groupWidth: 1e9 })).toContain('groupWidth: must be at most 262,144');
    const stages = structuredClone(base.stages);
    stages[0]!.outResolution = 1e6;
    expect(refuse({ stages })).toContain('stages[0].outResolution: must be at most 4,096');
  });

  it('refuses an inner width past the limit even when every field is in range', () => {
    const stages = structuredClone(base.stages);
    stages[3]!.outChannels = 65_536;
    expect(refuse({ stages, bottleneckRatio: 1 / 64 })).toContain(
      'stages[3].outChannels: the inner width 65536 ÷ bottleneckRatio 0.015625 is over 262,144',
    );
  });
});

describe('JSON text limits', () => {
  it('names line, column and what was expected', () => {
    expect(parseJsonText('{\n  "a": 1,\n}')).toEqual({
      ok: false,
      error:
        "line 3, column 1: expected a property name in double quotes (JSON allows no comma before }), found '}'",
    });
  });

  it('refuses deep nesting with its own message and without recursion', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(findJsonSyntaxProblem(deep)).toMatchObject({
      column: 65,
      expected: 'at most 64 levels of nesting',
    });
    expect(parseJsonText(`${'['.repeat(64)}${']'.repeat(64)}`).ok).toBe(true);
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['0', '-0.5e-3', '"\\u00e9\\n"', '{"a":[true,false,null]}', ' [ ] ', '{}'];
    for (const s of samples) expect(findJsonSyntaxProblem(s)).toBeNull();
    const bad = ['01', '[1,]', '{"a"}', '"\t"', 'nul', '1 2', '"\\x"', '{,}', '-', '1.'];
    for (const s of bad) {
      expect(() => void JSON.parse(s)).toThrow();
      expect(findJsonSyntaxProblem(s), s).not.toBeNull();
    }
  });
});
