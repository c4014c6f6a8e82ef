import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    restoreMocks: true,
    // Day boundaries and times of day in the specs are UTC, as in `npm test`.
    env: { TZ: 'UTC' },
    setupFiles: ['src/test-support/vitest-setup.ts'],
  },
});
