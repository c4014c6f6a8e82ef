import { isLoopback } from './metrics.controller.js';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.77.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:192.0.2.10', false],
    ['128.0.0.1', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
