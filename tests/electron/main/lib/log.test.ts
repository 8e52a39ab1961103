import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../../../electron/main/lib/fsPort';
import { createFileLogger, formatLogLine } from '../../../../electron/main/lib/log';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());
const now = () => new Date('2025-03-01T12:00:00.000Z');

describe('formatLogLine', () => {
  it('writes one line per entry, escaping newlines', () => {
    expect(formatLogLine('error', 'Error: x\n    at y', now())).toBe(
      '2025-03-01T12:00:00.000Z ERROR Error: x\\n    at y\n',
    );
  });
});

describe('createFileLogger', () => {
  it('appends in order, creating the folder', async () => {
    const file = join(dir, 'logs', 'app.log');
    const logger = createFileLogger(nodeFs, file, { now });
    logger.log('info', 'one');
    logger.log('warn', 'two');
    await logger.flush();
    expect(readFileSync(file, 'utf8')).toBe(
      '2025-03-01T12:00:00.000Z INFO  one\n2025-03-01T12:00:00.000Z WARN  two\n',
    );
  });

  it('rotates past the size limit', async () => {
    const file = join(dir, 'app.log');
    const logger = createFileLogger(nodeFs, file, { now, maxBytes: 100 });
    for (let i = 0; i < 5; i++) logger.log('info', `entry ${i} ${'x'.repeat(20)}`);
    await logger.flush();
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1']);
    expect(readFileSync(file, 'utf8')).toMatch(/entry 4/);
  });

  it('never throws when the disk fails', async () => {
    const broken: FsPort = { ...nodeFs, appendFile: () => Promise.reject(new Error('EIO')) };
    const echoed: string[] = [];
    const logger = createFileLogger(broken, join(dir, 'app.log'), {
      now,
      echo: (l) => echoed.push(l),
    });
    logger.log('error', 'lost');
    await expect(logger.flush()).resolves.toBeUndefined();
    expect(echoed.at(-1)).toMatch(/log write failed: Error: EIO/);
  });
});
