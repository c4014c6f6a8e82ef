import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './states';

export type ServerColumn<Row> = ColumnDef<Row> & {
  meta?: { numeric?: boolean };
};

export type ServerSort = { id: string; desc: boolean };

export type ServerPager = {
  /** 1-based. */
  page: number;
  pageSize: number;
  totalCount: number;
  onPage: (page: number) => void;
};

export type ServerTableProps<Row> = {
  caption: string;
  columns: Array<ServerColumn<Row>>;
  rows: Row[] | undefined;
  rowKey: (row: Row) => string;
  /** The server's order; a column is sortable with `enableSorting: true` and an accessor. */
  sort: ServerSort;
  onSort: (sort: ServerSort) => void;
  pager: ServerPager;
  loading: boolean;
  error: unknown;
  onRetry?: () => void;
  emptyTitle: string;
  emptyBody?: ReactNode;
};

/**
 * A TanStack table over one server-side page: sorting and paging are the server's
 * (manual), the table renders headers, cells and the sort state.
 */
export function ServerTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  pager,
  loading,
  error,
  onRetry,
  emptyTitle,
  emptyBody,
}: ServerTableProps<Row>) {
  const sorting: SortingState = [sort];
  const pageCount = Math.max(1, Math.ceil(pager.totalCount / pager.pageSize));
  const table = useReactTable({
    data: rows ?? [],
    columns,
    getRowId: rowKey,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    defaultColumn: { enableSorting: false },
    sortDescFirst: false,
    pageCount,
    state: { sorting, pagination: { pageIndex: pager.page - 1, pageSize: pager.pageSize } },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort({ id: first.id, desc: first.desc });
    },
  });

  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!rows) return loading ? <LoadingState /> : null;
  if (rows.length === 0 && pager.page === 1) {
    return <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>;
  }
  const numeric = (meta: unknown) =>
    (meta as { numeric?: boolean } | undefined)?.numeric ? 'numeric' : undefined;
  return (
    <div className="table-block">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="table table--fit" aria-busy={loading}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric(header.column.columnDef.meta)}
                      aria-sort={
                        sorted === 'asc'
                          ? 'ascending'
                          : sorted === 'desc'
                            ? 'descending'
                            : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {label}
                          <span aria-hidden="true" className="sort-mark">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={numeric(cell.column.columnDef.meta)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={`${caption} pages`}>
        <span className="muted">
          {pager.totalCount.toLocaleString('en')} {pager.totalCount === 1 ? 'device' : 'devices'}
        </span>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => pager.onPage(pager.page - 1)}
          disabled={!table.getCanPreviousPage() || loading}
        >
          Previous
        </button>
        <span aria-live="polite">
          Page {pager.page} of {pageCount}
        </span>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => pager.onPage(pager.page + 1)}
          disabled={!table.getCanNextPage() || loading}
        >
          Next
        </button>
      </nav>
    </div>
  );
}
