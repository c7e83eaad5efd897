import { defineConfig } from 'vitest/config';

// Node tests (core, simulator, headless, desktop adapters) and jsdom tests (React components)
// run as two projects; e2e specs run under Playwright (scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.dom.test.tsx', 'test/e2e/**'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/**/*.dom.test.tsx'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
