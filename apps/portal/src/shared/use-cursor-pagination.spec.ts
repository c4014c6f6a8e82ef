import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCursorPagination } from './use-cursor-pagination';

describe('useCursorPagination', () => {
  it('starts on the first page with no cursor', () => {
    const { result } = renderHook(() => useCursorPagination(25));
    expect(result.current.variables).toEqual({ first: 25, after: null });
    expect(result.current.page).toBe(1);
    expect(result.current.hasPrevious).toBe(false);
  });

  it('walks forward with end cursors and back through the visited pages', () => {
    const { result } = renderHook(() => useCursorPagination(10));

    act(() => result.current.next({ hasNextPage: true, endCursor: 'c10' }));
    expect(result.current.variables).toEqual({ first: 10, after: 'c10' });
    expect(result.current.page).toBe(2);

    act(() => result.current.next({ hasNextPage: true, endCursor: 'c20' }));
    expect(result.current.variables.after).toBe('c20');
    expect(result.current.page).toBe(3);

    act(() => result.current.previous());
    expect(result.current.variables.after).toBe('c10');
    act(() => result.current.previous());
    expect(result.current.variables.after).toBeNull();
    expect(result.current.hasPrevious).toBe(false);
    act(() => result.current.previous());
    expect(result.current.page).toBe(1);
  });

  it('does not move past the last page', () => {
    const { result } = renderHook(() => useCursorPagination(10));
    expect(result.current.canGoNext({ hasNextPage: false, endCursor: 'c10' })).toBe(false);
    expect(result.current.canGoNext({ hasNextPage: true, endCursor: null })).toBe(false);
    act(() => result.current.next({ hasNextPage: false, endCursor: 'c10' }));
    act(() => result.current.next(undefined));
    expect(result.current.page).toBe(1);
    expect(result.current.variables.after).toBeNull();
  });

  it('starts over when the filters change', () => {
    const { result, rerender } = renderHook(({ filter }) => useCursorPagination(10, filter), {
      initialProps: { filter: 'customer=a' },
    });
    act(() => result.current.next({ hasNextPage: true, endCursor: 'c10' }));
    expect(result.current.page).toBe(2);

    rerender({ filter: 'customer=b' });
    expect(result.current.page).toBe(1);
    expect(result.current.variables.after).toBeNull();
  });
});
