/** The CLI's only contact with the outside world, so commands can run in-process in tests. */
import { readFileSync } from 'node:fs';
import { CliError } from './errors';

export interface CliIo {
  /** Writes to standard output (text is written as given; add newlines yourself). */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Reads a UTF-8 text file; '-' reads standard input. Throws CliError naming the path on failure. */
  readText(path: string): string;
}

/** Reads a file for the CLI with a clear message instead of a Node stack trace. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const reason =
      e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    throw new CliError(`cannot read ${path === '-' ? 'standard input' : `'${path}'`} (${reason})`);
  }
}

/** The process-backed implementation. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readText: readTextFile,
};

/** An in-memory implementation for tests: collects output; `files` maps paths to contents. */
export function memoryIo(
  files: Record<string, string> = {},
): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readText(path: string) {
      const text = files[path];
      if (text === undefined) throw new CliError(`cannot read '${path}' (ENOENT)`);
      return text;
    },
  };
  return io;
}
