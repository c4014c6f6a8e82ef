import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphqlLimits } from '../../config/config.js';
import { DomainError } from '../errors/domain.errors.js';

export type QueryLimit = 'tokens' | 'aliases' | 'depth' | 'directives' | 'cost';

/** A query refused before execution: which limit, the limit and what the query had. */
export class QueryTooComplexError extends DomainError {
  constructor(limit: QueryLimit, max: number, actual: number | null) {
    super('QUERY_TOO_COMPLEX', describe(limit, max, actual), { limit, max, actual });
  }
}

function describe(limit: QueryLimit, max: number, actual: number | null): string {
  switch (limit) {
    case 'tokens':
      return `Query has more tokens than the limit ${max}`;
    case 'aliases':
      return `Query has ${actual} aliases; the limit is ${max}`;
    case 'depth':
      return `Query depth ${actual} exceeds the limit ${max}`;
    case 'directives':
      return `Query has ${actual} directives; the limit is ${max}`;
    case 'cost':
      return `Query cost ${actual} exceeds the limit ${max}`;
  }
}

/** Page size assumed for a list field whose `first` the query leaves to the server. */
const DEFAULT_PAGE_SIZE = 20;

/**
 * Validation rules (graphql-armor) for aliases, depth and directives. They report a coded
 * error instead of throwing: a throw out of `validate` would reach the client as a 500.
 */
export function queryLimitRules(limits: GraphqlLimits): ValidationRule[] {
  const report =
    (limit: QueryLimit, max: number) => (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(toGraphqlError(new QueryTooComplexError(limit, max, foundIn(error))));
  const options = (limit: QueryLimit, max: number) => ({
    n: max,
    propagateOnRejection: false,
    onReject: [report(limit, max)],
  });
  return [
    maxAliasesRule(options('aliases', limits.maxAliases)),
    maxDepthRule({ ...options('depth', limits.maxDepth), ignoreIntrospection: true }),
    maxDirectivesRule(options('directives', limits.maxDirectives)),
  ];
}

/**
 * Refuses an operation whose estimated cost (graphql-query-complexity) is over the limit,
 * after validation and before any resolver: every field costs 1, and the children of a
 * paginated field count `first` times (its default when the query gives none).
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          // Variables that do not fit the operation stop it before any resolver runs: execution
          // then answers BAD_USER_INPUT, so such a request has no cost to refuse.
          let cost: number;
          try {
            cost = queryCost(schema, document, request.operationName, request.variables);
          } catch {
            return Promise.resolve();
          }
          if (cost > maxCost) throw toGraphqlError(new QueryTooComplexError('cost', maxCost, cost));
          return Promise.resolve();
        },
      }),
  };
}

/** The estimated cost of one operation of `document` with these variables. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown>,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables: variables ?? {},
    estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args['first'] === 'number' ? args['first'] : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(1, first) * childComplexity;
};

/** graphql-js's own token limit (parse option), answered like the other limits. */
export function parseOptions(limits: GraphqlLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/** The parse error graphql-js raises at its token limit, as a coded limit error (else null). */
export function tokenLimitError(formatted: GraphQLFormattedError): QueryTooComplexError | null {
  const match = /^Syntax Error: Document contains more (?:that|than) (\d+) tokens/.exec(
    formatted.message,
  );
  return match ? new QueryTooComplexError('tokens', Number(match[1]), null) : null;
}

function toGraphqlError(error: QueryTooComplexError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { http: { status: 400 } },
  });
}

function foundIn(error: GraphQLError): number | null {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : null;
}
