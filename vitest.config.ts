import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages (the `@kfp-ts/source`
// export condition), so no build is needed before `vitest`.
export default defineConfig({
  resolve: { conditions: ['@kfp-ts/source'] },
  ssr: { resolve: { conditions: ['@kfp-ts/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'schemas/src/**/*.test.ts',
      'examples/*/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20000,
  },
});
