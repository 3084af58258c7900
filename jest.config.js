// Unit tests sit beside the code (src/**/*.spec.ts); e2e tests run the real app on a real PostgreSQL.
// Transpile only (fast); `npm run typecheck` does the type checking.
// content-disposition (under @fastify/static) ships ESM only, which jest's CommonJS
// runtime cannot require on Node 20, so jest compiles that one package too.
const ESM_ONLY_PACKAGES = ['content-disposition'];
const transform = { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];

module.exports = {
  // Per-project testTimeout is ignored by jest; e2e hooks boot an app and hash passwords.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
