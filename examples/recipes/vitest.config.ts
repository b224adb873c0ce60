import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Relative to --dir: `pnpm test` runs test/unit, `pnpm test:interop` runs test/interop.
    include: ['**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
