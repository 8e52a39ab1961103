// Entry point of `npm run laudnet -- <command>` (tsx cli/main.ts). All logic is in run.ts.
// No top-level await: package.json has no "type": "module", so tsx runs this file as CommonJS.
import { processIo } from './io';
import { runCli } from './run';

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
