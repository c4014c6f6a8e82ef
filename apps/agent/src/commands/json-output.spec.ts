import { toJson } from './json-output.js';

describe('toJson', () => {
  it('writes safe bigints as numbers and larger ones as exact decimal strings', () => {
    expect(
      JSON.parse(
        toJson({ a: 42n, b: 9007199254740991n, c: 9007199254740993n, d: 18446744073709551615n }),
      ),
    ).toEqual({
      a: 42,
      b: 9007199254740991,
      c: '9007199254740993',
      d: '18446744073709551615',
    });
  });
});
