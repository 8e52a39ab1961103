// Installers from Forge's packaged app: runs electron-builder in --prepackaged mode on
// out/<productName>-<platform>-<arch> (on macOS, the .app inside it). Intended as the last step of
// `npm run dist` after `electron-forge package`; it computes the path per platform, which a shell
// one-liner cannot do portably (Windows has no `$(...)`, macOS needs the .app path).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { productName } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const platform = process.env.DIST_PLATFORM ?? process.platform;
const arch = process.env.DIST_ARCH ?? process.arch;
const packaged = join(root, 'out', `${productName}-${platform}-${arch}`);
const prepackaged = platform === 'darwin' ? join(packaged, `${productName}.app`) : packaged;
const flag = { darwin: '--mac', win32: '--win', linux: '--linux' }[platform];

if (!flag) {
  console.error(`No installer target is configured for ${platform}.`);
  process.exit(1);
}
if (!existsSync(prepackaged)) {
  console.error(
    `Forge's packaged app is missing at ${prepackaged}: run \`npm run package\` first.`,
  );
  process.exit(1);
}
// Node runs electron-builder's CLI directly: no shell, so the space in the path needs no quoting.
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const args = ['--config', 'electron-builder.yml', flag, `--${arch}`, '--prepackaged', prepackaged];
console.log(`electron-builder ${args.join(' ')}`);
const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
