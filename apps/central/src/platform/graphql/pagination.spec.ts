import { BadUserInputError } from '../errors/domain.errors.js';
import {
  beforeCreatedAt,
  decodeCursor,
  decodeTimeCursor,
  encodeCursor,
  offsetOf,
  toConnection,
  toOffsetConnection,
} from './pagination.js';

describe('cursor pagination', () => {
  it('round-trips opaque cursors', () => {
    const cursor = encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: 'a' });
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, ['createdAt', 'id'])).toEqual({
      createdAt: '2026-01-01T00:00:00.000Z',
      id: 'a',
    });
  });

  it('rejects foreign or broken cursors as bad input', () => {
    expect(() => decodeCursor('!!!', ['id'])).toThrow(BadUserInputError);
    expect(() => decodeCursor(encodeCursor({ other: 'x' }), ['id'])).toThrow(BadUserInputError);
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const rows = [{ id: '1' }, { id: '2' }, { id: '3' }];
    const page = toConnection(
      rows,
      2,
      (row) => ({ id: row.id }),
      (row) => row.id,
    );
    expect(page.edges.map((edge) => edge.node)).toEqual(['1', '2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor({ id: '2' }) });
    const last = toConnection(
      rows.slice(2),
      2,
      (row) => ({ id: row.id }),
      (row) => row.id,
    );
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor({ id: '3' }) });
    expect(
      toConnection(
        [],
        2,
        (row: { id: string }) => ({ id: row.id }),
        (row) => row,
      ).pageInfo,
    ).toEqual({ hasNextPage: false, endCursor: null });
  });
  it('pages newest first strictly before a (createdAt, id) cursor', () => {
    expect(beforeCreatedAt({ createdAt: '2026-04-01T10:00:00.000Z', id: 'b' })).toEqual({
      OR: [
        { createdAt: { lt: new Date('2026-04-01T10:00:00.000Z') } },
        { createdAt: new Date('2026-04-01T10:00:00.000Z'), id: { lt: 'b' } },
      ],
    });
    expect(beforeCreatedAt(null)).toEqual({});
    expect(() => beforeCreatedAt({ createdAt: 'soon', id: 'b' })).toThrow(BadUserInputError);
  });
  it('decodes (time, id) cursors and refuses a bad time or an empty id', () => {
    const cursor = encodeCursor({ openedAt: '2026-04-01T10:00:00.000Z', id: 'a1' });
    expect(decodeTimeCursor(cursor, 'openedAt')).toEqual({
      openedAt: new Date('2026-04-01T10:00:00.000Z'),
      id: 'a1',
    });
    expect(() => decodeTimeCursor(cursor, 'createdAt')).toThrow(BadUserInputError);
    expect(() =>
      decodeTimeCursor(encodeCursor({ openedAt: 'yesterday', id: 'a1' }), 'openedAt'),
    ).toThrow(BadUserInputError);
    expect(() =>
      decodeTimeCursor(encodeCursor({ openedAt: '2026-04-01T10:00:00.000Z', id: '' }), 'openedAt'),
    ).toThrow(BadUserInputError);
  });

  it('reads an offset cursor and refuses a negative, fractional or foreign one', () => {
    expect(offsetOf(encodeCursor({ offset: '0' }))).toBe(0);
    expect(offsetOf(encodeCursor({ offset: '40' }))).toBe(40);
    for (const offset of ['-1', '2.5', '1e3', 'ten', '', '9007199254740993'])
      expect(() => offsetOf(encodeCursor({ offset }))).toThrow(BadUserInputError);
    expect(() => offsetOf(encodeCursor({ id: '3' }))).toThrow(BadUserInputError);
    expect(() => offsetOf('!!!')).toThrow(BadUserInputError);
  });

  it('gives each row of an offset page the offset after it, so endCursor resumes the list', () => {
    const page = toOffsetConnection(['c', 'd', 'e'], 2, 2, (row) => row.toUpperCase());
    expect(page.edges.map((edge) => edge.node)).toEqual(['C', 'D']);
    expect(page.edges.map((edge) => offsetOf(edge.cursor))).toEqual([3, 4]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(offsetOf(page.pageInfo.endCursor ?? '')).toBe(4);
    const last = toOffsetConnection(['e'], 2, 4, (row) => row);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor({ offset: '5' }) });
  });
});
