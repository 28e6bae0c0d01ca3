import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@roguelearn/db/testing-setup'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
