import { defineConfig } from 'vitest/config';

/** Unit specs sit beside their sources; e2e specs in test/ start real apps on ephemeral ports. */
export default defineConfig({
  // `nestjs-jsonrpc-ws` resolves to the library's sources, through tsconfig.json's paths.
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Built copies of the library (dist/, the packed-consumer scratch dir) must not shadow its sources.
    exclude: ['**/node_modules/**', 'dist/**', '.tmp/**'],
    coverage: {
      include: ['libs/**/*.ts'],
      exclude: ['**/*.spec.ts', '**/index.ts'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          setupFiles: ['test/utils/close-apps.setup.ts'],
        },
      },
      {
        // The same e2e suite with every app on @nestjs/platform-fastify.
        extends: true,
        test: {
          name: 'e2e-fastify',
          include: ['test/**/*.e2e-spec.ts'],
          // The packed-consumer spec installs real apps of its own, and the cluster and README-app
          // specs run processes of their own (on Express): once is enough.
          exclude: [
            '**/node_modules/**',
            'dist/**',
            '.tmp/**',
            'test/pack.e2e-spec.ts',
            'test/cluster.e2e-spec.ts',
            'test/cluster-history.e2e-spec.ts',
            'test/readme-app.e2e-spec.ts',
          ],
          setupFiles: ['test/utils/close-apps.setup.ts'],
          env: { E2E_PLATFORM: 'fastify' },
        },
      },
    ],
  },
});
