/**
 * A small append-only log file for what must survive a crash: renderer crashes, hangs, uncaught
 * exceptions, refused IPC. Writes are queued so lines never interleave, the file is rotated once
 * it grows past a limit, and logging itself never throws (a full disk must not take the app down).
 */
import { dirname } from 'node:path';
import type { FsPort } from './fsPort';

export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: Level, message: string): void;
  /** Resolves once everything logged so far is on disk (tests, before quitting). */
  flush(): Promise<void>;
}

/** One line per entry: newlines in messages are escaped so each entry stays greppable. */
export function formatLogLine(level: Level, message: string, now: Date): string {
  const oneLine = message.replace(/\r?\n/g, '\\n').slice(0, 16_384);
  return `${now.toISOString()} ${level.toUpperCase().padEnd(5)} ${oneLine}\n`;
}

export interface FileLoggerOptions {
  /** Rotate to `<file>.1` beyond this size (default 2 MiB). */
  maxBytes?: number;
  now?: () => Date;
  /** Also echo to stderr (development). */
  echo?: (line: string) => void;
}

export function createFileLogger(
  fs: FsPort,
  file: string,
  options: FileLoggerOptions = {},
): Logger {
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  let queue: Promise<void> = fs.mkdirp(dirname(file)).catch(() => undefined);

  const append = async (line: string): Promise<void> => {
    try {
      const stat = await fs.stat(file);
      if (stat && stat.size + line.length > maxBytes) await fs.rename(file, `${file}.1`);
      await fs.appendFile(file, line);
    } catch (err) {
      // Last resort: the log is best-effort and must not become a new source of crashes.
      options.echo?.(`log write failed: ${String(err)}\n`);
    }
  };

  return {
    log(level, message) {
      const line = formatLogLine(level, message, now());
      options.echo?.(line);
      queue = queue.then(() => append(line));
    },
    flush: () => queue,
  };
}
