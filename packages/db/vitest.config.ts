import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@roguelearn/db/testing-setup'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
