import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(root, 'tests/fixtures/lint', name), 'utf8');

/** Lints fixture text with the project's real ESLint config, pretending it lives at `filePath`. */
async function lintAs(filePath: string, text: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

describe('folder boundaries are enforced by ESLint', () => {
  it('rejects electron, react, node: imports and DOM globals in core/', async () => {
    const messages = await lintAs('core/__lint_fixture__.ts', fixture('core-violations.ts'));
    const restricted = messages.filter((m) => m.rule === 'no-restricted-imports');
    const globals = messages.filter((m) => m.rule === 'no-restricted-globals');
    expect(restricted.map((m) => m.line).sort()).toEqual([2, 3, 4]);
    expect(globals.map((m) => m.line).sort()).toEqual([6, 7]);
    expect(restricted.map((m) => m.message).join(' ')).toMatch(/core\/ is pure/);
  });

  it('accepts pure code in core/', async () => {
    const messages = await lintAs('core/__lint_fixture__.ts', fixture('core-clean.ts'));
    expect(messages).toEqual([]);
  });

  it('rejects electron imports in renderer/', async () => {
    const messages = await lintAs('renderer/src/__lint_fixture__.ts', fixture('renderer-violations.ts'));
    expect(messages.filter((m) => m.rule === 'no-restricted-imports').map((m) => m.line)).toEqual([2]);
  });
});
