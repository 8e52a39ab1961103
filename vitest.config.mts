import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: [
            'tests/core/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/bin/**/*.test.ts',
            'tests/electron/**/*.test.ts',
            'tests/lint/**/*.test.ts',
            'tests/tools/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: ['tests/support/buildCli.ts'],
          testTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
