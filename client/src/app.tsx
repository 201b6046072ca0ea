import { lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppShell } from './components/app-shell';
import { QueryBoundary } from './components/query-boundary';
import { ROUTES, SIGN_IN_PATH, START_PATH } from './routes';
import { useSession } from './session/session-provider';

const SignInPage = lazy(() => import('./pages/sign-in/sign-in-page'));
const NotFoundPage = lazy(() => import('./pages/not-found/not-found-page'));

/** Where a sign-in screen sends the operator: the page they asked for, or the start page. */
function returnPathOf(state: unknown): string {
  const from = (state as { from?: string } | null)?.from;
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith(SIGN_IN_PATH)
    ? from
    : START_PATH;
}

export function App() {
  const { operator } = useSession();
  const location = useLocation();

  if (!operator) {
    if (location.pathname !== SIGN_IN_PATH) {
      const from = location.pathname + location.search;
      return <Navigate to={SIGN_IN_PATH} replace state={{ from }} />;
    }
    return (
      <QueryBoundary>
        <SignInPage />
      </QueryBoundary>
    );
  }

  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<Navigate to={START_PATH} replace />} />
        <Route path={SIGN_IN_PATH} element={<Navigate to={returnPathOf(location.state)} replace />} />
        {ROUTES.map(({ path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              // Keyed by path so an error on one page does not stick to the next.
              <QueryBoundary key={location.pathname}>
                <Page />
              </QueryBoundary>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <QueryBoundary>
              <NotFoundPage />
            </QueryBoundary>
          }
        />
      </Routes>
    </AppShell>
  );
}
