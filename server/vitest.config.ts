import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-livekit.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files share one LiveKit server; run files one at a time on this 2-core box.
    fileParallelism: false,
  },
});
