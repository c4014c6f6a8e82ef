import { parseByteRange } from './byte-range.js';

describe('parseByteRange', () => {
  it('no header: the whole artifact', () => {
    expect(parseByteRange(undefined, 100)).toBeNull();
  });

  it('resumes from a byte to the end', () => {
    expect(parseByteRange('bytes=40-', 100)).toEqual({ start: 40, end: 99 });
    expect(parseByteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
  });

  it('closed and suffix ranges, an end past the size is cut to it', () => {
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });

  it('refuses ranges outside the artifact and forms agents never send', () => {
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBe('unsatisfiable');
    expect(parseByteRange('items=0-1', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-', 100)).toBe('unsatisfiable');
  });
});
