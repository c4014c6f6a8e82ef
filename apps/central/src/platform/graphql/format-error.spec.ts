import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { createLogger } from '../logging/logger.js';
import { requestContext } from '../logging/request-context.js';
import { NotFoundError } from '../errors/domain.errors.js';
import { createFormatError } from './format-error.js';
import { QueryTooComplexError } from './query-limits.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

const resolverError = (original: Error) =>
  new GraphQLError(original.message, { path: ['customer'], originalError: original });

describe('GraphQL error formatter', () => {
  it('keeps domain errors and puts their code in extensions.code', () => {
    const { logger } = capture();
    const formatted = createFormatError(logger)(
      { message: 'x', path: ['customer'] },
      resolverError(new NotFoundError('Customer', 'c1')),
    );
    expect(formatted).toMatchObject({
      message: 'Customer not found',
      path: ['customer'],
      extensions: { code: 'NOT_FOUND', entity: 'Customer', id: 'c1' },
    });
  });

  it('answers a refused query limit with its code, limit and figures', () => {
    const { logger } = capture();
    const format = createFormatError(logger);
    const validation = new GraphQLError('Query has 40 aliases; the limit is 30', {
      originalError: new QueryTooComplexError('aliases', 30, 40),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format({ message: validation.message }, validation)).toEqual({
      message: 'Query has 40 aliases; the limit is 30',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30, actual: 40 },
    });
    const parse = new GraphQLError(
      'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
      { extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    );
    expect(format({ message: parse.message }, parse)).toMatchObject({
      message: 'Query has more tokens than the limit 5000',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000, actual: null },
    });
  });

  it('keeps GraphQL validation errors with their own code', () => {
    const { logger } = capture();
    const error = new GraphQLError('Cannot query field "nope"', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = createFormatError(logger)(
      { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      error,
    );
    expect(formatted.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('hides unknown errors behind a request id and logs them', () => {
    const { lines, logger } = capture();
    const formatted = requestContext.run({ requestId: 'req-42', logger }, () =>
      createFormatError(logger)(
        { message: 'relation "x" does not exist' },
        resolverError(new Error('relation "x" does not exist')),
      ),
    );
    expect(formatted).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' },
    });
    expect(JSON.stringify(formatted)).not.toContain('relation');
    expect(lines.join('')).toContain('relation \\"x\\" does not exist');
  });

  it('maps Prisma unique violations to CONFLICT', () => {
    const { logger } = capture();
    const prismaError = Object.assign(new Error('Unique constraint failed'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2002',
    });
    expect(
      createFormatError(logger)({ message: 'x' }, resolverError(prismaError)).extensions?.['code'],
    ).toBe('CONFLICT');
  });
});
