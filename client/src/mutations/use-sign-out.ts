import { useCallback } from 'react';
import { graphql, useMutation } from 'react-relay';
import type { useSignOutMutation } from '../__generated__/useSignOutMutation.graphql';
import { useSession } from '../session/session-provider';

const SignOutMutation = graphql`
  mutation useSignOutMutation {
    logout
  }
`;

/** Ends the session on the server (which clears the cookie), then shows the sign-in screen. */
export function useSignOut(): [() => void, boolean] {
  const { signedOut } = useSession();
  const [commit, inFlight] = useMutation<useSignOutMutation>(SignOutMutation);
  const signOut = useCallback(() => {
    commit({
      variables: {},
      onCompleted: () => signedOut('signed-out'),
      // The session is gone either way from this browser's point of view.
      onError: () => signedOut('signed-out'),
    });
  }, [commit, signedOut]);
  return [signOut, inFlight];
}
