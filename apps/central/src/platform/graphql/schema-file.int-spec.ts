import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestApp, type TestApp } from './test-support/test-app.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
const HEADER =
  '# Generated from the code-first resolvers of apps/central. Do not edit: run\n# UPDATE_SCHEMA=1 on apps/central/src/platform/graphql/schema-file.int-spec.ts.\n\n';

describe('committed schema.graphql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('matches the schema the server serves', () => {
    const printed =
      HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  }, 60_000);
});
