import { defineConfig } from 'vitest/config';

/**
 * Tests that drive whole processes (a pty, 20 writers at once): run alone, so CPU contention cannot time
 * them out. The demo backends' test binds their fixed ports, which any local ALB started with its data
 * plane (the emulator command's tests) also takes: it runs here, after the unit tests, alone.
 */
const SYSTEM_TESTS = [
  'test/e2e/**/*.test.{ts,tsx}',
  'test/store/multiprocess.test.ts',
  'test/emulator/traffic/demo-traffic.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
      NO_COLOR: '',
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: SYSTEM_TESTS },
      },
      {
        extends: true,
        test: { name: 'system', include: SYSTEM_TESTS, fileParallelism: false },
      },
    ],
  },
});
