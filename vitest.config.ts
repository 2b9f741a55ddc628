import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build-cli.ts'],
    setupFiles: ['test/support/remove-temp-dirs.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // most tests wait on a CLI child process: with one worker per core (vitest's default is cores - 1) both cores work
    maxWorkers: 2,
    minWorkers: 1,
    isolate: false,
  },
});
