import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  Kind,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  parse,
  print,
  separateOperations,
  specifiedRules,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { DEFAULT_GRAPHQL_LIMITS } from '../../config/config.js';
import { queryCost, queryLimitRules } from './query-limits.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const schema = buildSchema(readFileSync(join(root, 'apps/central/schema.graphql'), 'utf8'));

function portalDocuments(): string {
  const features = join(root, 'apps/portal/src/features');
  return readdirSync(features, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(join(features, file), 'utf8'))
    .join('\n');
}

/** A valid value of an input type: the smallest one, required fields only. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  const samples: Record<string, unknown> = {
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTime: '2026-01-01T00:00:00.000Z',
    JSON: {},
  };
  return samples[type.name] ?? '00000000-0000-4000-8000-000000000000';
}

function sampleVariables(operation: OperationDefinitionNode | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (operation?.variableDefinitions ?? []).map((definition) => {
      const type = typeFromAST(schema, definition.type) as GraphQLInputType;
      return [definition.variable.name.value, sampleValue(type)];
    }),
  );
}

/** The largest page each list allows: what a user paging through everything asks for. */
const LARGEST_PAGE: Record<string, number> = { Usage: 1000, DeviceMeterReads: 1000 };

describe('query limits against the portal', () => {
  const operations = Object.entries(separateOperations(parse(portalDocuments())));

  it('finds the portal operations', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Fleet', 'Device', 'Usage']),
    );
  });

  it.each(operations.map(([name, document]) => [name, document] as const))(
    '%s passes every default limit at its largest page',
    (name, document) => {
      // As Apollo Client sends it: the operation and the fragments it uses.
      expect(() =>
        parse(print(document), { maxTokens: DEFAULT_GRAPHQL_LIMITS.maxTokens }),
      ).not.toThrow();
      const errors = validate(schema, document, [
        ...specifiedRules,
        ...queryLimitRules(DEFAULT_GRAPHQL_LIMITS),
      ]);
      expect(errors).toEqual([]);
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION,
      );
      const variables = sampleVariables(operation);
      if ('first' in variables) variables['first'] = LARGEST_PAGE[name] ?? 100;
      const cost = queryCost(schema, document, name, variables);
      expect(cost).toBeLessThanOrEqual(DEFAULT_GRAPHQL_LIMITS.maxCost);
    },
  );
});
