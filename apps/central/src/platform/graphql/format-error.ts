import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { toDomainError } from '../errors/to-domain-error.js';
import { requestContext } from '../logging/request-context.js';
import { tokenLimitError } from './query-limits.js';

/**
 * The one GraphQL error formatter. Domain errors keep their message and carry `code` in
 * `extensions.code`; errors GraphQL itself raised (parse, validation, variable coercion)
 * keep their own code; anything else is an internal error: logged in full, and shown only
 * as "Internal server error" with the request id to quote.
 */
export function createFormatError(rootLogger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };

    // Validation and parse errors carry a refused query limit as their original error.
    const known =
      toDomainError(original) ??
      toDomainError(original instanceof GraphQLError ? original.originalError : null) ??
      tokenLimitError(formatted);
    if (known) {
      return {
        ...base,
        message: known.message,
        extensions: { ...known.details, code: known.code },
      };
    }
    if (original instanceof GraphQLError) {
      return {
        ...base,
        message: formatted.message,
        extensions: { code: formatted.extensions?.['code'] ?? 'BAD_REQUEST' },
      };
    }

    const context = requestContext.tryGet();
    (context?.logger ?? rootLogger).error(
      { err: original, path: formatted.path },
      'unhandled error in GraphQL resolver',
    );
    return {
      ...base,
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: context?.requestId ?? null },
    };
  };
}
