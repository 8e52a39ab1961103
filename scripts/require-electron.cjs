// Gate for `npm start`, `npm run package`, `npm run make` and `npm run dist`: they need the Electron
// binary, which the electron package downloads from GitHub. Where that download is impossible
// (offline build machines), fail with one clear sentence instead of Forge's stack trace.
//
// We do not simply `require('electron')`: when the binary is missing, electron's index.js starts a
// download itself (minutes of retries offline). Instead we follow the same lookup it does
// (path.txt, dist/ or ELECTRON_OVERRIDE_DIST_PATH) and only `require('electron')` to confirm once
// the binary is known to exist, when the call is instant.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Path of the Electron binary Forge would launch, or null when it is not usable. */
function findElectronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative && join(pkgDir, 'dist', relative);
  if (!candidate || !existsSync(candidate)) return null;
  try {
    const resolved = require('electron');
    return typeof resolved === 'string' && existsSync(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

module.exports = { findElectronBinary };

if (require.main === module && !findElectronBinary()) {
  console.error(
    'The Electron binary is not installed and cannot be downloaded on this machine; on a machine with ' +
      'internet access run `node node_modules/electron/install.js` (or set ELECTRON_OVERRIDE_DIST_PATH to ' +
      'an unpacked Electron 45.5.0), while `npm run build` and `npm run web` work without it.',
  );
  process.exit(1);
}
