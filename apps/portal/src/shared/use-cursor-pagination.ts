import { useCallback, useMemo, useState } from 'react';

export type CursorPageInfo = {
  hasNextPage: boolean;
  endCursor?: string | null;
};

export type CursorPagination = {
  /** Variables for a Relay connection field: `first` and `after`. */
  variables: { first: number; after: string | null };
  /** 1-based page number, for "Page 3". */
  page: number;
  hasPrevious: boolean;
  canGoNext: (pageInfo: CursorPageInfo | null | undefined) => boolean;
  next: (pageInfo: CursorPageInfo | null | undefined) => void;
  previous: () => void;
  reset: () => void;
};

/**
 * Server-side, forward-cursor pagination for Relay connections. The cursors of the pages already
 * visited are kept in a stack so "previous" works without backward pagination on the server.
 * Callers pass a `resetKey` built from their filters: when it changes the stack starts over,
 * because cursors of one filtered list mean nothing in another.
 */
export function useCursorPagination(pageSize: number, resetKey = ''): CursorPagination {
  const [state, setState] = useState<{ key: string; cursors: Array<string | null> }>({
    key: resetKey,
    cursors: [null],
  });
  const cursors = state.key === resetKey ? state.cursors : [null];
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [null] });

  const canGoNext = useCallback(
    (pageInfo: CursorPageInfo | null | undefined) =>
      pageInfo?.hasNextPage === true && typeof pageInfo.endCursor === 'string',
    [],
  );

  const next = useCallback(
    (pageInfo: CursorPageInfo | null | undefined) => {
      if (!canGoNext(pageInfo)) return;
      const endCursor = pageInfo?.endCursor ?? null;
      setState((current) => ({ ...current, cursors: [...current.cursors, endCursor] }));
    },
    [canGoNext],
  );

  const previous = useCallback(() => {
    setState((current) =>
      current.cursors.length > 1 ? { ...current, cursors: current.cursors.slice(0, -1) } : current,
    );
  }, []);

  const reset = useCallback(() => {
    setState((current) => ({ ...current, cursors: [null] }));
  }, []);

  const after = cursors[cursors.length - 1] ?? null;
  const variables = useMemo(() => ({ first: pageSize, after }), [pageSize, after]);

  return {
    variables,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    canGoNext,
    next,
    previous,
    reset,
  };
}
