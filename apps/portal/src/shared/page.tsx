import { useEffect, useRef, type ReactNode } from 'react';

/** A screen: its title (also the document title), optional actions, then content. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Printbeat`;
  }, [title]);
  useEffect(() => {
    // After a navigation, screen reader and keyboard users start at the new screen's title,
    // unless they are already working inside the page (e.g. a form that re-rendered).
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('nav')) heading.current?.focus();
  }, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions && <div className="page__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** For screens whose central API has not landed yet: says so instead of pretending. */
export function PendingApi({ what, waitsFor }: { what: string; waitsFor: string }) {
  return (
    <div className="state state--pending" role="status">
      <p className="state__title">{what} is not available yet.</p>
      <p className="state__body">It needs {waitsFor} from central.</p>
    </div>
  );
}
