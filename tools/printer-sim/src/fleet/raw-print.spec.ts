import { RawJobCounter } from './raw-print.js';

const pages = (...chunks: string[]): number => {
  const c = new RawJobCounter();
  for (const s of chunks) c.push(Buffer.from(s, 'latin1'));
  return c.pages();
};

describe('RawJobCounter', () => {
  it('counts one page per form feed, plus trailing content, at least one', () => {
    expect(pages('Hello\f')).toBe(1);
    expect(pages('a\fb\fc')).toBe(3);
    expect(pages('a\f', '\fb', '\f')).toBe(3);
    expect(pages('just text')).toBe(1);
    expect(pages('')).toBe(1);
    expect(pages('page\f\r\n')).toBe(1);
  });
});
