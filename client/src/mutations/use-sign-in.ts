import { useCallback } from 'react';
import { graphql, useMutation } from 'react-relay';
import type { useSignInMutation } from '../__generated__/useSignInMutation.graphql';
import type { Role } from '../session/roles';
import { useSession } from '../session/session-provider';

const SignInMutation = graphql`
  mutation useSignInMutation($input: LoginInput!) {
    login(input: $input) {
      expiresAt
      operator {
        id
        username
        displayName
        role
      }
    }
  }
`;

/**
 * Opens a session. The server sets the httpOnly session cookie; the token in the answer is deliberately not
 * selected, so it never reaches JavaScript.
 */
export function useSignIn(): [
  (input: { username: string; password: string }, onError: (e: Error) => void) => void,
  boolean,
] {
  const { signedIn } = useSession();
  const [commit, inFlight] = useMutation<useSignInMutation>(SignInMutation);
  const signIn = useCallback(
    (input: { username: string; password: string }, onError: (error: Error) => void) => {
      commit({
        variables: { input },
        onCompleted: (data) => {
          const { operator } = data.login;
          signedIn({ ...operator, role: operator.role as Role });
        },
        onError,
      });
    },
    [commit, signedIn],
  );
  return [signIn, inFlight];
}
