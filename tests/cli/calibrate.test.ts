/** `laudnet calibrate` on bad input, as a process: exit status 2 and a message naming what was expected. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from './cli-helpers';

const work = mkdtempSync(join(tmpdir(), 'calibrate-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}
const fcRows = (n: number) =>
  Array.from({ length: n }, (_, i) => `fc,${64 * (i + 1)},1000,${1e-4 * (i + 1)}`).join('\n');

describe('laudnet calibrate: bad input', () => {
  it('unknown operator', () => {
    const r = spawnCli([
      'calibrate',
      '--measurements',
      file('a.csv', `op,cin,cout,latency_s\nfc,8,8,0.1\nbogus,8,8,0.1\n`),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /invalid measurements in '.*a\.csv':\nline 3: unknown operator 'bogus' \(valid: conv, fc,/,
    );
  });
  it('missing columns', () => {
    const r = spawnCli([
      'calibrate',
      '--measurements',
      file('b.csv', `op,cin,cout,ms\nfc,8,8,0.1\n`),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing column\(s\) latency_s; found: op, cin, cout, ms/);
  });
  it('zero and negative times', () => {
    const r = spawnCli([
      'calibrate',
      '--measurements',
      file('c.csv', `op,cin,cout,latency_s\nfc,8,8,0\nfc,8,9,-1e-3\n`),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /line 2 \(fc\): latency_s must be a positive number of seconds, found '0'\nline 3 \(fc\): latency_s must be a positive number of seconds, found '-1e-3'/,
    );
  });
  it('a set too small to fit', () => {
    const r = spawnCli([
      'calibrate',
      '--measurements',
      file('d.csv', `op,cin,cout,latency_s\n${fcRows(4)}\n`),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too few measurements to fit: found 4, need at least 10/);
  });
  it('an unknown start preset and a missing flag', () => {
    const r = spawnCli([
      'calibrate',
      '--measurements',
      file('e.csv', `op,cin,cout,latency_s\n${fcRows(12)}\n`),
      '--start',
      'gtx480',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown start preset 'gtx480' \(valid: v100, 3090, 3060/);
    const m = spawnCli(['calibrate']);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/missing --measurements/);
  });
});
