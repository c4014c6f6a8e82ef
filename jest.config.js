// One jest run, two projects: `unit` (pure, fast, no I/O beyond files) and `system`
// (integration and end-to-end: a real embedded PostgreSQL started once for the run).
const workspaceLibs = {
  '^@printbeat/domain$': '<rootDir>/libs/domain/src/index.ts',
  '^@printbeat/printer-mib$': '<rootDir>/libs/printer-mib/src/index.ts',
  '^@printbeat/pki$': '<rootDir>/libs/pki/src/index.ts',
  '^@printbeat/payload$': '<rootDir>/libs/payload/src/index.ts',
  '^@printbeat/printer-sim$': '<rootDir>/tools/printer-sim/src/index.ts',
  '^@printbeat/smtp-sink$': '<rootDir>/tools/smtp-sink/src/index.ts',
};

const shared = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { ...workspaceLibs, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/'],
};

// `jest --selectProjects unit libs/pki` reads `libs/pki` as a second project name (the option
// is variadic) and would run everything: treat such extra names as path filters instead.
const knownProjects = new Set(['unit', 'system']);
const selectIndex = process.argv.indexOf('--selectProjects');
const pathFilters = [];
if (selectIndex >= 0) {
  for (let i = selectIndex + 1; i < process.argv.length && !process.argv[i].startsWith('-'); i++) {
    if (!knownProjects.has(process.argv[i])) pathFilters.push(process.argv[i].replace(/\/$/, ''));
  }
}
const filesIn = (suffixGlob) => (path) =>
  /\.[a-z0-9-]+\.ts$/.test(path) ? [`<rootDir>/${path}`] : [`<rootDir>/${path}/**/${suffixGlob}`];
const restrict = (project, suffixGlob) =>
  pathFilters.length === 0
    ? project
    : { ...project, testMatch: pathFilters.flatMap(filesIn(suffixGlob)) };

const projects = [
  {
    ...shared,
    displayName: 'unit',
    testMatch: ['<rootDir>/{apps,libs,tools}/**/src/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/portal/'],
  },
  {
    ...shared,
    displayName: 'system',
    testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{int,e2e}-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    globalSetup: '<rootDir>/tools/testing/postgres-global-setup.ts',
    globalTeardown: '<rootDir>/tools/testing/postgres-global-teardown.ts',
  },
];

export default {
  // A project-level testTimeout is ignored by jest 30; the system tests need minutes on a
  // loaded 2-core machine (real PostgreSQL, SNMP, TLS, child processes).
  testTimeout: 120000,
  projects: [restrict(projects[0], '*.spec.ts'), restrict(projects[1], '*.{int,e2e}-spec.ts')],
};
