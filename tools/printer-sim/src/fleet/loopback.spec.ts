import { NotLoopbackError, assertLoopback, isLoopbackAddress, loopbackRange } from './loopback.js';

describe('loopback addresses only', () => {
  it.each(['127.0.0.1', '127.10.0.1', '127.255.255.254'])('accepts %s', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
    expect(assertLoopback(a)).toBe(a);
  });

  it.each([
    '10.0.0.1',
    '192.168.1.10',
    '0.0.0.0',
    '128.0.0.1',
    '::1',
    'localhost',
    '127.0.0',
    '127.0.0.256',
    '',
  ])('refuses %s', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
    expect(() => assertLoopback(a)).toThrow(NotLoopbackError);
  });

  it('builds consecutive ranges skipping .0 and .255', () => {
    expect(loopbackRange('127.10.0.253', 4)).toEqual([
      '127.10.0.253',
      '127.10.0.254',
      '127.10.1.1',
      '127.10.1.2',
    ]);
    expect(loopbackRange('127.10.0.1', 10000)).toHaveLength(10000);
  });

  it('refuses a range that would leave 127.0.0.0/8', () => {
    expect(() => loopbackRange('127.255.255.250', 10)).toThrow(NotLoopbackError);
    expect(() => loopbackRange('10.0.0.1', 1)).toThrow(NotLoopbackError);
  });
});
