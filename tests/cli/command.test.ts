// The shared preamble of every command (defineCommand over node:util parseArgs).
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../cli/command';
import { CliError } from '../../cli/errors';
import { memoryIo } from '../../cli/io';

const seen: unknown[] = [];
const cmd = defineCommand({
  name: 'demo',
  usage: 'Usage:\n  laudnet demo --size N [--json]',
  flags: {
    size: { type: 'string', value: 'N', description: 'a size' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  run(args, io) {
    seen.push(args.values);
    io.out(`size=${args.values.size ?? 'none'} json=${String(args.values.json ?? false)}\n`);
    return 0;
  },
});

describe('defineCommand', () => {
  it('answers --help and -h from the flag table, without running the command', async () => {
    for (const flag of ['--help', '-h']) {
      const io = memoryIo();
      expect(await cmd.run(['--size', '3', flag], io)).toBe(0);
      expect(io.stdout).toContain('laudnet demo --size N');
      expect(io.stdout).toMatch(/--size N\s+a size/);
      expect(io.stdout).toMatch(/-h, --help\s+show this help/);
    }
    expect(seen).toHaveLength(0);
  });

  it('hands typed values to the body, with --flag=value and the last of repeated flags', async () => {
    const io = memoryIo();
    expect(await cmd.run(['--size=4', '--json', '--size', '5'], io)).toBe(0);
    expect(io.stdout).toBe('size=5 json=true\n');
  });

  it('refuses positionals, unknown options and missing values with messages naming them', () => {
    const io = memoryIo();
    expect(() => cmd.run(['extra'], io)).toThrow(/unexpected argument 'extra'/);
    expect(() => cmd.run(['--sise', '3'], io)).toThrow(
      /unknown option --sise \(valid: --size, --json, --help\)/,
    );
    expect(() => cmd.run(['--size'], io)).toThrow(/option --size needs a value \(N\)/);
    expect(() => cmd.run(['--json=yes'], io)).toThrow(/option --json takes no value/);
    expect(() => cmd.run(['--size', '-3'], io)).toThrow(CliError);
    expect(() => cmd.run(['--size', '-3'], io)).toThrow(
      /write a value that starts with '-' as --size=VALUE/,
    );
  });
});
