import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite } from '../../../../electron/main/lib/atomicWrite';
import { validateJsonObjectText } from '../../../../electron/main/lib/documentCheck';
import { nodeFs } from '../../../../electron/main/lib/fsPort';
import { corruptStamp, loadTextDocument } from '../../../../electron/main/lib/safeLoad';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
let file: string;
const now = new Date('2025-03-01T12:34:56.789Z');

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  file = join(dir, 'model.laudnet.json');
});
afterEach(() => cleanup());

describe('corruptStamp', () => {
  it('is sortable and has no characters Windows forbids', () => {
    expect(corruptStamp(now)).toBe('2025-03-01T12-34-56-789Z');
  });
});

describe('loadTextDocument', () => {
  it('reports a missing file', async () => {
    expect(await loadTextDocument(nodeFs, file, validateJsonObjectText)).toEqual({
      status: 'missing',
    });
  });

  it('returns a valid file', async () => {
    writeFileSync(file, '{"format":"x"}');
    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText);
    expect(outcome).toMatchObject({ status: 'ok', text: '{"format":"x"}' });
  });

  it('moves a corrupt config to .corrupt-<time> and offers the valid .bak', async () => {
    // Two saves: the first becomes the backup of the second.
    await atomicWrite(nodeFs, file, '{"version":1}');
    await atomicWrite(nodeFs, file, '{"version":2}');
    writeFileSync(file, '{"version":2, "blocks": [1, 2'); // truncated by a crash or a bad disk

    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });

    expect(outcome.status).toBe('corrupt');
    if (outcome.status !== 'corrupt') return;
    expect(outcome.problem).toMatch(/not valid JSON/);
    expect(outcome.corruptPath).toBe(`${file}.corrupt-2025-03-01T12-34-56-789Z`);
    expect(readFileSync(outcome.corruptPath, 'utf8')).toBe('{"version":2, "blocks": [1, 2');
    expect(outcome.backup).toMatchObject({ path: `${file}.bak`, text: '{"version":1}' });
    // Never a silent reset: the damaged file is not left in place to be overwritten by defaults.
    expect(readdirSync(dir).sort()).toEqual([
      'model.laudnet.json.bak',
      'model.laudnet.json.corrupt-2025-03-01T12-34-56-789Z',
    ]);
  });

  it('offers no backup when there is none', async () => {
    writeFileSync(file, 'not json');
    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });
    expect(outcome).toMatchObject({ status: 'corrupt', backup: null });
  });

  it('offers no backup when the backup is damaged too', async () => {
    writeFileSync(file, 'not json');
    writeFileSync(`${file}.bak`, 'also not json');
    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });
    expect(outcome).toMatchObject({ status: 'corrupt', backup: null });
  });

  it('treats invalid UTF-8 as damage', async () => {
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });
    expect(outcome).toMatchObject({
      status: 'corrupt',
      problem: 'the file is not valid UTF-8 text',
    });
  });

  it('treats an oversized file as damage without reading it', async () => {
    writeFileSync(file, `{"pad":"${'x'.repeat(100)}"}`);
    const outcome = await loadTextDocument(nodeFs, file, validateJsonObjectText, {
      now,
      maxBytes: 50,
    });
    expect(outcome).toMatchObject({
      status: 'corrupt',
      problem: 'the file is larger than 50 bytes',
    });
  });

  it('keeps the first corrupt copy when two failures share a timestamp', async () => {
    writeFileSync(file, 'bad 1');
    await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });
    writeFileSync(file, 'bad 2');
    const second = await loadTextDocument(nodeFs, file, validateJsonObjectText, { now });
    expect(second.status === 'corrupt' && second.corruptPath).toBe(
      `${file}.corrupt-2025-03-01T12-34-56-789Z-2`,
    );
    expect(readFileSync(`${file}.corrupt-2025-03-01T12-34-56-789Z`, 'utf8')).toBe('bad 1');
  });
});
