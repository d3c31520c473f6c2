import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/build-web-app.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
