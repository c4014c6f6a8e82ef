import type { ReactNode } from 'react';
import { useCurrentUser } from '../auth/auth-provider';
import { canAccess, type Section } from '../navigation';
import { Page } from '../../shared/page';

/** Guards a route by role, so editing the URL lands on "no access", not on a broken page. */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const user = useCurrentUser();
  if (!canAccess(user.role, section)) {
    return (
      <Page title="No access">
        <p role="alert">Your role does not give you access to this page.</p>
      </Page>
    );
  }
  return <>{children}</>;
}
