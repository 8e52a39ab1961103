// Test-only bootstrap: runs the TypeScript worker entry through tsx, standing in for the
// .vite/build/fileCheckWorker.js that the app's build produces.
require('tsx/cjs');
require('../../../../electron/main/lib/fileCheckWorker.ts');
