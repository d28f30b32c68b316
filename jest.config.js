/** Unit specs sit beside their sources; e2e specs in test/ start real apps on ephemeral ports. */
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  testEnvironment: 'node',
  // Built copies of the library (dist/, the packed-consumer scratch dir) must not shadow its sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '^nestjs-jsonrpc-ws$': '<rootDir>/libs/jsonrpc-ws/src',
    '^nestjs-jsonrpc-ws/(.*)$': '<rootDir>/libs/jsonrpc-ws/src/$1',
  },
};

module.exports = {
  testTimeout: 30000,
  collectCoverageFrom: ['libs/**/*.ts', '!**/*.spec.ts', '!**/index.ts'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/utils/close-apps.setup.ts'],
    },
  ],
};
