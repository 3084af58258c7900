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
  // Two workers even on two cores: an e2e file waits on PostgreSQL about half the time, so two
  // side by side ran 1.6 times as fast, and each file has its own database. A worker is
  // replaced once it holds over 1 GB after a file: one process running every file (jest's
  // choice on two cores) grew past 5 GB, and the last files, the attack suite among them,
  // ran 2.5 times as slowly as alone.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
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
