// Vitest global setup: builds the bundled CLI once before any test spawns it, so tests run the program
// users run (bin/laudnet.mjs → dist-cli/) and parallel test files never race to rebuild it.
type BuildCli = (options: { quiet: boolean }) => Promise<string[]>;

export default async function setup(): Promise<void> {
  // @ts-expect-error -- a plain ESM build script without type declarations
  const mod = (await import('../../scripts/build-cli.mjs')) as { buildCli: BuildCli };
  const build: BuildCli = (options) => mod.buildCli(options);
  await build({ quiet: true });
}
