// Entry point of `npm run laudnet -- <command>` (tsx cli/main.ts). All logic is in run.ts.
// No top-level await: package.json has no "type": "module", so tsx runs this file as CommonJS.
import { processIo } from './io';
import { lastResortMessage, runCli } from './run';

const command = process.argv[2] ?? '';
/** Anything that escapes runCli (a stack overflow in a callback, a rejected promise): one line, exit 1. */
const lastResort = (e: unknown) => {
  if (process.env.LAUDNET_DEBUG === '1') console.error(e);
  process.stderr.write(`${lastResortMessage(command, e)}\n`);
  process.exit(1);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
}, lastResort);
