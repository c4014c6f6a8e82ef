import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  toDomainError,
} from './to-domain-error.js';

describe('database outages become SERVICE_UNAVAILABLE', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
  });

  it.each([
    ['a refused connection', refused],
    ['a pg error wrapped by the driver adapter', new Error('adapter failed', { cause: refused })],
    ['an admin shutdown (57P01)', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['a connection exception class 08', Object.assign(new Error('x'), { code: '08006' })],
    [
      "Prisma's known request error P1001 (can't reach the server)",
      Object.assign(new Error("Can't reach database server"), {
        name: 'PrismaClientKnownRequestError',
        code: 'P1001',
      }),
    ],
    ['Prisma pool timeout (P2024)', Object.assign(new Error('pool'), { code: 'P2024' })],
    [
      "a raw query's P2010 with the driver's admin shutdown in meta",
      Object.assign(new Error('Raw query failed. Code: `57P01`.'), {
        name: 'PrismaClientKnownRequestError',
        code: 'P2010',
        meta: {
          driverAdapterError: {
            name: 'DriverAdapterError',
            cause: { originalCode: '57P01', kind: 'postgres', code: '57P01' },
          },
        },
      }),
    ],
    [
      'a transaction that could not start',
      new Error('Unable to start a transaction in the given time.'),
    ],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = toDomainError(error);
    expect(mapped?.code).toBe('SERVICE_UNAVAILABLE');
    expect(mapped?.details).toEqual({
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      retryable: true,
    });
  });

  it.each([
    ['a plain bug', new TypeError('x is undefined')],
    ['a unique violation', Object.assign(new Error('dup'), { code: '23505' })],
    ['no error at all', null],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
