// The built CLI (dist-cli/, made by tests/support/buildCli.ts like `npm install` makes it): start-up
// loads only the dispatcher; each command's code is a separate chunk imported when the command runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from './cli-helpers';

interface Meta {
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string }[];
      inputs: Record<string, unknown>;
      entryPoint?: string;
    }
  >;
}

const meta = JSON.parse(readFileSync(path.join(repoRoot, 'dist-cli/meta.json'), 'utf8')) as Meta;

/** Source files loaded before any command runs: the entry chunk and its static imports, transitively. */
function startupInputs(): string[] {
  const entry = Object.keys(meta.outputs).find(
    (o) => meta.outputs[o]!.entryPoint === 'cli/main.ts',
  );
  expect(entry).toBeDefined();
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out) || !meta.outputs[out]) return;
    seen.add(out);
    for (const i of Object.keys(meta.outputs[out].inputs)) inputs.add(i);
    for (const imp of meta.outputs[out].imports)
      if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entry!);
  return [...inputs];
}

describe('bundled CLI', () => {
  it('starts without loading the predictor, zod or any command', () => {
    const inputs = startupInputs();
    expect(inputs.some((i) => i.startsWith('cli/run'))).toBe(true);
    expect(inputs.filter((i) => i.includes('core/predictor/') && !i.endsWith('errors.ts'))).toEqual(
      [],
    );
    expect(inputs.filter((i) => i.includes('node_modules/zod'))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('cli/commands/') && !i.endsWith('index.ts'))).toEqual(
      [],
    );
  });

  it('lists every command from the table and runs one from its own chunk', () => {
    const help = spawnCli(['--help']);
    expect(help.status).toBe(0);
    for (const name of [
      'predict',
      'sweep',
      'flops',
      'export',
      'tune',
      'granularity',
      'masks',
      'calibrate',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const r = spawnCli(['help', 'predict']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('laudnet predict --input configs.jsonl');
  });
});
