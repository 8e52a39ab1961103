/**
 * `DIR|SUMMARY` of `laudnet masks stats|predict` → a set summary: a `summary.npz` (given, or inside DIR),
 * else every `.laudmask.npz` below DIR read with core/maskfile and summarised by core/maskset's builder.
 * Bad dumps are collected (one message each) while the others are used; the caller exits 2 at the end.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readMaskDump } from '../../../core/maskfile';
import type { MaskSetSummary } from '../../../core/maskset';
import { createMaskSetBuilder, readMaskSetSummary } from '../../../core/maskset';
import { CliError } from '../../errors';

export interface LoadedSet {
  summary: MaskSetSummary;
  /** Where it came from: the summary file, or the folder of dumps. */
  source: string;
  /** One message per file that could not be used. */
  problems: string[];
}

const SUMMARY = 'summary.npz';
const DUMP_SUFFIX = '.laudmask.npz';

function readBytes(file: string): Uint8Array {
  try {
    const b = readFileSync(file);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    const code =
      e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    throw new CliError(`cannot read '${file}' (${code})`);
  }
}

/** Every dump below `dir`, sorted, as paths relative to it ('/'-separated). */
function findDumps(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(DUMP_SUFFIX)) out.push(child);
    }
  };
  walk('');
  return out;
}

function fromDumps(dir: string, names: string[]): LoadedSet {
  const builder = createMaskSetBuilder();
  const problems: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const read = readMaskDump(readBytes(file));
    if (!read.ok) {
      problems.push(`${file}: ${read.error}`);
      continue;
    }
    const cls = name.includes('/') ? name.slice(0, name.indexOf('/')) : null;
    const refused = builder.add(name, read.dump, cls);
    if (refused) problems.push(`${file}: not part of this set: ${refused}.`);
  }
  const summary = builder.finish();
  if (!summary)
    throw new CliError(
      `no usable mask dump in '${dir}' (${names.length} .laudmask.npz file(s) found, none readable)${problems.length ? `:\n${problems.join('\n')}` : ''}`,
    );
  return { summary, source: dir, problems };
}

/** Loads the set a user named: a summary file, a folder with `summary.npz`, or a folder of dumps. */
export function loadMaskSet(target: string): LoadedSet {
  if (!existsSync(target))
    throw new CliError(
      `'${target}' does not exist (expected a folder of mask dumps or a summary.npz)`,
    );
  if (statSync(target).isDirectory()) {
    const summaryFile = path.join(target, SUMMARY);
    if (existsSync(summaryFile)) return loadMaskSet(summaryFile);
    const names = findDumps(target);
    if (names.length === 0)
      throw new CliError(`'${target}' holds neither a ${SUMMARY} nor any ${DUMP_SUFFIX} file`);
    return fromDumps(target, names);
  }
  const bytes = readBytes(target);
  const read = readMaskSetSummary(bytes);
  if (read.ok) return { summary: read.summary, source: target, problems: [] };
  // A single per-image dump is a set of one.
  if (read.code === 'wrong-format' && target.endsWith(DUMP_SUFFIX))
    return fromDumps(path.dirname(target), [path.basename(target)]);
  throw new CliError(`'${target}': ${read.error}`);
}
