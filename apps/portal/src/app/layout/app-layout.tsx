import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useCurrentUser } from '../auth/auth-provider';
import { LoadingState } from '../../shared/states';
import { navItemsFor, ROLE_LABELS } from '../navigation';

export function AppLayout() {
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const items = navItemsFor(user);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOutAndLeave = async () => {
    await signOut();
    // The next person to sign in starts from their own home page, not from this one.
    await navigate('/', { replace: true });
  };
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    // Close the small-screen menu after navigating.
    setLastPath(location.pathname);
    setMenuOpen(false);
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Printbeat</span>
        <button
          type="button"
          className="button button--quiet menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div className="topbar__user">
          <span className="topbar__name">{user.name}</span>
          <span className="badge">{ROLE_LABELS[user.role]}</span>
          <NavLink className="button button--quiet" to="/account/password">
            Change password
          </NavLink>
          <NavLink className="button button--quiet" to="/account/email">
            Change e-mail
          </NavLink>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void signOutAndLeave()}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav
        id="primary-nav"
        className={`sidenav${menuOpen ? ' sidenav--open' : ''}`}
        aria-label="Main"
      >
        <ul>
          {items.map((item) => (
            <li key={item.section}>
              <NavLink to={item.path}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
