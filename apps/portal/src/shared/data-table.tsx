import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './states';
import type { CursorPageInfo, CursorPagination } from './use-cursor-pagination';

export type Column<Row> = {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Right-align numbers so digits line up. */
  numeric?: boolean;
};

export type DataTableProps<Row> = {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  loading: boolean;
  error: unknown;
  onRetry?: () => void;
  emptyTitle: string;
  emptyBody?: ReactNode;
  pagination?: CursorPagination;
  pageInfo?: CursorPageInfo | null;
};

/** A table over one server-side page of a Relay connection. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  error,
  onRetry,
  emptyTitle,
  emptyBody,
  pagination,
  pageInfo,
}: DataTableProps<Row>) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!rows) return loading ? <LoadingState /> : null;
  if (rows.length === 0 && (!pagination || pagination.page === 1)) {
    return <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>;
  }
  return (
    <div className="table-block">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="table" aria-busy={loading}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pagination && (
        <nav className="pager" aria-label={`${caption} pages`}>
          <button
            type="button"
            className="button button--quiet"
            onClick={pagination.previous}
            disabled={!pagination.hasPrevious || loading}
          >
            Previous
          </button>
          <span aria-live="polite">Page {pagination.page}</span>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => pagination.next(pageInfo)}
            disabled={!pagination.canGoNext(pageInfo) || loading}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
