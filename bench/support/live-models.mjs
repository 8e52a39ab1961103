// Models of the live bench: the committed test ONNX, and a ResNet-50-sized LAUDNet exported here with
// the project's exporter (tools/laudmask-export --onnx, random weights, seed 0) from the fake LAUDNet test
// model widened to FEATURES channels (compute-matched to ResNet-50: ≈ 3.9 G multiply-accumulates at
// 224², ResNet-50's block layout and mask shapes). Cached under .bench/live/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** Channels of every feature map of the widened model (the fake test model has 8). */
export const FEATURES = 160;

export function testModelPath() {
  return join(root, 'tests', 'fixtures', 'onnx', 'tiny-mixed.onnx');
}

/** Exports (once) and returns the path of the ResNet-50-sized model; null when Python cannot. */
export function resnet50SizedModel() {
  const dir = join(root, '.bench', 'live');
  const out = join(dir, `r50-sized-f${FEATURES}.onnx`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const repo = join(dir, 'fake-laudnet-wide');
  rmSync(repo, { recursive: true, force: true });
  cpSync(join(root, 'tools', 'laudmask-export', 'tests', 'fake_laudnet'), repo, {
    recursive: true,
  });
  const models = join(repo, 'imagenet_classification', 'models', '__init__.py');
  const source = readFileSync(models, 'utf8');
  if (!/^FEATURES = 8$/m.test(source))
    throw new Error(`${models}: no "FEATURES = 8" line to widen`);
  writeFileSync(models, source.replace(/^FEATURES = 8$/m, `FEATURES = ${FEATURES}`));
  console.log(`exporting a ResNet-50-sized model (FEATURES = ${FEATURES}) to ${out} …`);
  const r = spawnSync(
    '/usr/bin/python3',
    [
      join(root, 'tools', 'laudmask-export', 'export.py'),
      '--repo',
      repo,
      '--arch',
      'uni_resnet50',
      '--dyn-mode',
      'spatial-spatial-both-layer',
      '--granularity',
      '4-4-2-7',
      '--seed',
      '0',
      '--onnx',
      out,
    ],
    { stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
  );
  const stderr = r.stderr?.toString() ?? '';
  const last = stderr
    .split('\n')
    .filter((l) => l.includes('laudmask-export'))
    .slice(-3);
  for (const line of last) console.log(line);
  if (r.status !== 0 || !existsSync(out)) {
    console.log(`the exporter failed (status ${r.status}): ${stderr.slice(-600)}`);
    return null;
  }
  return out;
}
