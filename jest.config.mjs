// Jest runs in native ESM mode: Nest 12 ships as ES modules only (see docs/development.md, "Tests").
const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json' }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': tsJest },
  // Source imports use `.js` suffixes (nodenext); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
export default {
  // Generous: a file boots the whole app in beforeAll, which takes longer on a busy 2-core machine.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'web',
      rootDir: '.',
      testMatch: ['<rootDir>/web/src/**/*.spec.ts'],
      // The workbench's own aliases (web/vite.config.mts): @/ its source, @server/ the service's pure rules.
      moduleNameMapper: { ...common.moduleNameMapper, '^@/(.*)$': '<rootDir>/web/src/$1', '^@server/(.*)$': '<rootDir>/src/common/$1' },
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
