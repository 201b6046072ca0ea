import { Box } from '@chakra-ui/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchQuery, graphql, RelayEnvironmentProvider } from 'react-relay';
import type { sessionProviderViewerQuery } from '../__generated__/sessionProviderViewerQuery.graphql';
import { ErrorState } from '../components/error-state';
import { PageSkeleton } from '../components/page-skeleton';
import { createEnvironment } from '../relay/environment';
import type { Role } from './roles';
import { onSessionEnded, type SessionEndReason } from './session-events';

const ViewerQuery = graphql`
  query sessionProviderViewerQuery {
    viewer {
      id
      username
      displayName
      role
    }
  }
`;

export interface SignedInOperator {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

interface SessionValue {
  /** The signed-in operator, or null on the sign-in screen. */
  operator: SignedInOperator | null;
  /** Why the last session ended, shown once on the sign-in screen. */
  endReason: SessionEndReason | null;
  signedIn(operator: SignedInOperator): void;
  signedOut(reason: SessionEndReason): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; error: Error }
  | { kind: 'ready'; operator: SignedInOperator | null; endReason: SessionEndReason | null };

/**
 * Who is signed in: asked of the server (`viewer`, answered from the httpOnly session cookie) when the console
 * opens, set by sign-in, cleared by sign-out or when the server stops accepting the session. Each session gets a
 * fresh Relay store, so nothing one operator loaded is shown to the next.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [environment, setEnvironment] = useState(createEnvironment);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on retry
  useEffect(() => {
    const subscription = fetchQuery<sessionProviderViewerQuery>(environment, ViewerQuery, {}).subscribe({
      next: (data) => setState({ kind: 'ready', operator: toOperator(data.viewer), endReason: null }),
      error: (error: Error) => setState({ kind: 'failed', error }),
    });
    return () => subscription.unsubscribe();
  }, [attempt]);

  const signedOut = useCallback((reason: SessionEndReason) => {
    setState((current) =>
      current.kind === 'ready' && current.operator
        ? { kind: 'ready', operator: null, endReason: reason }
        : current,
    );
    setEnvironment(createEnvironment());
  }, []);

  useEffect(() => onSessionEnded(signedOut), [signedOut]);

  const value = useMemo<SessionValue | null>(
    () =>
      state.kind === 'ready'
        ? {
            operator: state.operator,
            endReason: state.endReason,
            signedIn: (operator) => setState({ kind: 'ready', operator, endReason: null }),
            signedOut,
          }
        : null,
    [state, signedOut],
  );

  if (state.kind === 'loading') {
    return (
      <Box p="6">
        <PageSkeleton label="Opening the console" />
      </Box>
    );
  }
  if (state.kind === 'failed' || !value) {
    return (
      <Box p="6">
        <ErrorState
          title="The console cannot reach the server"
          error={state.kind === 'failed' ? state.error : null}
          onRetry={() => {
            setState({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </Box>
    );
  }
  return (
    <RelayEnvironmentProvider environment={environment}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </RelayEnvironmentProvider>
  );
}

function toOperator(viewer: sessionProviderViewerQuery['response']['viewer']): SignedInOperator | null {
  if (!viewer) return null;
  return {
    id: viewer.id,
    username: viewer.username,
    displayName: viewer.displayName,
    role: viewer.role as Role,
  };
}
