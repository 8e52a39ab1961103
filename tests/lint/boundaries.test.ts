import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(root, 'tests/fixtures/lint', name), 'utf8');

interface Message {
  rule: string | null;
  line: number;
  message: string;
}

/** Lints fixture text with the project's real ESLint config, pretending it lives at `filePath`. */
async function lintAs(filePath: string, text: string): Promise<Message[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => ({
    rule: m.ruleId,
    line: m.line,
    message: m.message,
  }));
}

/** Source line of each report of `rule`, and the fixture line it points at. */
function reportedLines(messages: readonly Message[], rule: string): number[] {
  return [...new Set(messages.filter((m) => m.rule === rule).map((m) => m.line))].sort(
    (a, b) => a - b,
  );
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('folder boundaries are enforced by ESLint', () => {
  it('rejects UI, Electron and Node imports and every browser, worker and Node global in core/', async () => {
    const messages = await lintAs('core/__lint_fixture__.ts', fixture('core-violations.ts'));
    // Lines 2-11: electron, react, node:fs, path, zustand, three, recharts, comlink, zustand/vanilla, renderer/.
    expect(reportedLines(messages, 'no-restricted-imports')).toEqual(range(2, 11));
    // Lines 12-20: document, window, navigator, self, Image, fetch, process, Buffer, localStorage.
    expect(reportedLines(messages, 'no-restricted-globals')).toEqual(range(12, 20));
    expect(messages.map((m) => m.message).join(' ')).toMatch(/core\/ is pure/);
    expect(messages.map((m) => m.message).join(' ')).toMatch(/depends on nothing above it/);
  });

  it('accepts pure code in core/', async () => {
    const messages = await lintAs('core/__lint_fixture__.ts', fixture('core-clean.ts'));
    expect(messages).toEqual([]);
  });

  it('lets renderer/ import only types of electron/ipc/contract.ts', async () => {
    const messages = await lintAs(
      'renderer/src/__lint_fixture__.ts',
      fixture('renderer-violations.ts'),
    );
    // electron, node:fs, a value from the contract, the preload module, a type from electron/main.
    expect(reportedLines(messages, '@typescript-eslint/no-restricted-imports')).toEqual(
      range(2, 6),
    );
    const contractValue = messages.find((m) => m.line === 4);
    expect(contractValue?.message).toMatch(/only types from electron\/ipc\/contract\.ts/);
    expect(messages.filter((m) => m.line >= 7)).toEqual([]);
  });

  it('keeps electron/ away from renderer/ and React', async () => {
    const messages = await lintAs(
      'electron/main/__lint_fixture__.ts',
      fixture('electron-violations.ts'),
    );
    expect(reportedLines(messages, 'no-restricted-imports')).toEqual([2, 3, 4]);
    expect(messages.filter((m) => m.line === 5)).toEqual([]);
  });
});
