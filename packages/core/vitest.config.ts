import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The property and fuzz tests run thousands of cases; on 2 loaded cores one can take 30 s.
    testTimeout: 60_000,
  },
});
