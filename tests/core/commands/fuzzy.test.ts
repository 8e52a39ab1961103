import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../core/commands/fuzzy';

const labels = [
  'Model: ResNet-50',
  'Model: ResNet-101',
  'Hardware: NVIDIA Tesla V100',
  'Choose granularity…',
  'Stage 1 spatial granularity S = 56',
  'Fit to FLOPs target',
  'Export report as Markdown…',
  'Toggle theme',
];

describe('palette fuzzy matcher', () => {
  it('finds by a word fragment ("gran") and by a number ("101")', () => {
    expect(fuzzyFilter(labels, 'gran', (l) => l)).toEqual([
      'Choose granularity…',
      'Stage 1 spatial granularity S = 56',
    ]);
    expect(fuzzyFilter(labels, '101', (l) => l)).toEqual(['Model: ResNet-101']);
  });

  it('matches letters in order across words, every query word required', () => {
    expect(fuzzyScore('fit flo', 'Fit to FLOPs target')).not.toBeNull();
    expect(fuzzyScore('expmd', 'Export report as Markdown…')).not.toBeNull();
    expect(fuzzyScore('fit zebra', 'Fit to FLOPs target')).toBeNull();
    expect(fuzzyScore('tmeht', 'Toggle theme')).toBeNull();
  });

  it('ranks whole words at a word start above scattered letters, and an empty query keeps all', () => {
    expect(fuzzyScore('theme', 'Toggle theme')!).toBeGreaterThan(
      fuzzyScore('theme', 'The magic eye')!,
    );
    expect(fuzzyScore('res', 'Model: ResNet-50')!).toBeGreaterThan(
      fuzzyScore('res', 'Export report as…')!,
    );
    expect(fuzzyFilter(labels, '  ', (l) => l)).toEqual(labels);
  });
});
