import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Architectural boundaries, checked on every lint: libs never import apps; the pure libs
// (domain, printer-mib) import nothing that does I/O; only platform/prisma, migrations and
// seeds may use the raw (tenant-unscoped) Prisma client; the owner-role PrismaService stays in
// platform/ and the seed (feature code goes through PlatformDb or TenantPrisma).
const appImports = ['@printbeat/central', '@printbeat/agent', '@printbeat/portal'];
const ioModules = [
  'node:fs',
  'node:net',
  'node:dgram',
  'node:http',
  'node:https',
  'node:child_process',
  'fs',
  'net',
  'dgram',
  'http',
  'https',
  'net-snmp',
  'pg',
  '@prisma/client',
];

const rawPrismaClient = {
  name: '@prisma/client',
  allowTypeImports: true,
  message:
    'Use the tenant-scoped client from platform/prisma (TenantPrisma); only platform code, migrations and seeds touch the raw client.',
};
const ownerPrismaService = {
  group: ['**/platform/prisma/prisma.service', '**/platform/prisma/prisma.service.js'],
  message:
    'PrismaService sees every tenant: use TenantPrisma (tenant-scoped) or a named PlatformDb method (platform/prisma/platform-db.ts) for cross-tenant work.',
};
const testsAndSeed = [
  'apps/central/src/**/*.spec.ts',
  'apps/central/src/**/*.int-spec.ts',
  'apps/central/src/**/*.e2e-spec.ts',
  'apps/central/src/seed/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'apps/portal/src/generated/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts', 'tools/scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Specs and test helpers are outside the packages' build tsconfigs: type-check them
    // through one lint-only project that includes them.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/test-support/**',
      'tools/testing/**',
      'tools/scripts/**/*.ts',
      'apps/*/test/**',
    ],
    // The portal's specs are in its own tsconfig (Vite/Vitest, DOM): the project service finds it.
    ignores: ['apps/portal/**'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.lint.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: appImports }] },
  },
  {
    files: ['libs/domain/**/*.ts', 'libs/printer-mib/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test-support/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [...appImports, ...ioModules] }] },
  },
  {
    files: ['apps/central/src/**/*.ts'],
    ignores: ['apps/central/src/platform/prisma/**', ...testsAndSeed],
    rules: { 'no-restricted-imports': ['error', { paths: [rawPrismaClient] }] },
  },
  {
    // Replaces the block above for these files (a rule's options do not merge): both checks.
    files: ['apps/central/src/**/*.ts'],
    ignores: ['apps/central/src/platform/**', '**/test-support/**', ...testsAndSeed],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [rawPrismaClient], patterns: [ownerPrismaService] },
      ],
    },
  },
);
