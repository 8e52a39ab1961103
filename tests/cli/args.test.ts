import { describe, expect, it } from 'vitest';
import { parseArgs, parseDashList, parseRates, splitComma } from '../../cli/args';
import { CliError } from '../../cli/errors';

const specs = {
  model: { type: 'string', description: 'm' },
  json: { type: 'boolean', description: 'j' },
} as const;

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, booleans and positionals', () => {
    expect(parseArgs(['--model', 'a', 'x', '--json'], specs)).toEqual({
      values: { model: 'a', json: true },
      positionals: ['x'],
    });
    expect(parseArgs(['--model=b', '--', '--json'], specs)).toEqual({
      values: { model: 'b' },
      positionals: ['--json'],
    });
  });

  it('names the valid options for an unknown one, and refuses missing values', () => {
    expect(() => parseArgs(['--mdl', 'a'], specs)).toThrow(
      /unknown option --mdl \(valid: --model, --json\)/,
    );
    expect(() => parseArgs(['--model'], specs)).toThrow(/--model needs a value/);
    expect(() => parseArgs(['--model', '--json'], specs)).toThrow(/--model needs a value/);
    expect(() => parseArgs(['--json=1'], specs)).toThrow(CliError);
  });
});

describe('value parsers', () => {
  it('dash lists and comma lists', () => {
    expect(parseDashList('4-4-2-1', 'g')).toEqual([4, 4, 2, 1]);
    expect(parseDashList('0.5', 'r')).toEqual([0.5]);
    expect(() => parseDashList('4--2', 'g')).toThrow(/g: '' is not a number/);
    expect(splitComma('1,2-2,4', 'x')).toEqual(['1', '2-2', '4']);
    expect(() => splitComma('1,,2', 'x')).toThrow(/empty item/);
  });

  it('rate ranges are inclusive and free of accumulation error', () => {
    const r = parseRates('0:1:0.05');
    expect(r).toHaveLength(21);
    expect(r[3]).toBe(0.15);
    expect(r[20]).toBe(1);
    expect(parseRates('0.1,0.5')).toEqual([0.1, 0.5]);
    expect(() => parseRates('0:1:0')).toThrow(/step must be positive/);
    expect(() => parseRates('0:1')).toThrow(/start:stop:step/);
    expect(() => parseRates('-0.1,0.5')).toThrow(/outside \[0, 1\]/);
  });
});
