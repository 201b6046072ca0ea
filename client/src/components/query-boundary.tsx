import { Component, type ErrorInfo, type ReactNode, Suspense, useState } from 'react';
import { errorCodeOf, isSessionError } from '../relay/errors';
import { RetryKeyContext } from '../relay/use-page-query';
import { ErrorState } from './error-state';
import { NotAllowed } from './not-allowed';
import { PageSkeleton } from './page-skeleton';

/**
 * Wraps a screen that loads with `useLazyLoadQuery`: its skeleton while loading, "Not allowed" when the server
 * refuses the role (FORBIDDEN), an error with "Try again" otherwise. Retry remounts the screen with a new fetch key
 * (see usePageQuery), so its query goes to the server again. An ended session is handled by the session provider.
 */
export function QueryBoundary({
  children,
  fallback = <PageSkeleton />,
  errorTitle,
}: {
  children: ReactNode;
  fallback?: ReactNode;
  errorTitle?: string;
}) {
  const [attempt, setAttempt] = useState(0);
  return (
    <ErrorCatcher
      key={attempt}
      render={(error) =>
        errorCodeOf(error) === 'FORBIDDEN' ? (
          <NotAllowed />
        ) : isSessionError(error) ? (
          <PageSkeleton label="Signing out" />
        ) : (
          <ErrorState title={errorTitle} error={error} onRetry={() => setAttempt((n) => n + 1)} />
        )
      }
    >
      <RetryKeyContext.Provider value={attempt}>
        <Suspense fallback={fallback}>{children}</Suspense>
      </RetryKeyContext.Provider>
    </ErrorCatcher>
  );
}

class ErrorCatcher extends Component<
  { children: ReactNode; render: (error: Error) => ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    if (import.meta.env.DEV) console.error(error, info.componentStack);
  }
  override render() {
    return this.state.error ? this.props.render(this.state.error) : this.props.children;
  }
}
