import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';
import { defaultConfig, parseConfig, serializeConfig } from '../../core/config';

const config = defaultConfig('resnet50', 'tx2');
config.stages[3]!.mode = 'layer';
config.stages[3]!.spatialGranularity = 7;
config.targetRate = 0.45;
const files = { 'cfg.json': serializeConfig(config) };

describe('laudnet export', () => {
  it('train-flags prints one line that imports back into the same configuration', async () => {
    const r = await run(['export', '--config', 'cfg.json', '--format', 'train-flags'], files);
    expect(r.code).toBe(0);
    const line = r.stdout.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('--dyn_mode spatial-spatial-spatial-layer');
    const back = await run(
      ['export', `--flags=${line}`, '--config', 'cfg.json', '--format', 'json'],
      files,
    );
    expect(back.code).toBe(0);
    expect(back.stdout).toBe(files['cfg.json']);
  });

  it('json prints the configuration file exactly', async () => {
    const r = await run(['export', '--config', 'cfg.json', '--format', 'json'], files);
    expect(r.stdout).toBe(files['cfg.json']);
    expect(parseConfig(r.stdout)).toEqual({ ok: true, config });
  });

  it('csv, md and report-json print the latency report', async () => {
    const csv = await run(['export', '--config', 'cfg.json', '--format', 'csv'], files);
    expect(csv.stdout.trimEnd().split('\n')).toHaveLength(17);
    expect(csv.stdout.split('\n')[0]).toContain('latency_ms_per_image');
    const md = await run(['export', '--config', 'cfg.json', '--format', 'md'], files);
    expect(md.stdout).toContain('NVIDIA Jetson TX2');
    const json = await run(['export', '--config', 'cfg.json', '--format', 'report-json'], files);
    expect((JSON.parse(json.stdout) as { blocks: unknown[] }).blocks).toHaveLength(16);
  });

  it('warns on stderr about static stages', async () => {
    const c = defaultConfig('resnet50');
    c.stages[0]!.mode = 'static';
    const r = await run(['export', '--config', 'c.json', '--format', 'train-flags'], {
      'c.json': serializeConfig(c),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: stage 1 is static/);
  });

  it('exits 2 on a missing or unknown format and on a bad flag line', async () => {
    expect((await run(['export', '--config', 'cfg.json'], files)).code).toBe(2);
    const unknown = await run(['export', '--config', 'cfg.json', '--format', 'xml'], files);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('train-flags');
    const bad = await run(['export', '--flags=--arch nope', '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--arch');
  });
});
