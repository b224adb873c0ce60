import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Relative to --dir: `pnpm test` runs test/unit, `pnpm test:interop` runs test/interop.
    include: ['**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file drives real engines (a browser, Godot processes): running files side by side on a
    // small machine only makes them slower and their deadlines flaky.
    fileParallelism: false,
  },
});
