import { useCallback } from 'react';
import { graphql, useMutation } from 'react-relay';
import { ConnectionHandler } from 'relay-runtime';
import type { useOverridePersonaMutation } from '../__generated__/useOverridePersonaMutation.graphql';

export interface OverridePersonaVariables {
  userId: string;
  window: 'D30' | 'D180';
  personaId: string;
  justification: string;
}

/**
 * An administrator's persona override. The new assignment becomes the customer's current one for the window and
 * the first row of their assignment history in the Relay store, so the profile updates without a reload.
 */
export function useOverridePersona(): [
  (variables: OverridePersonaVariables, callbacks: { onDone(): void; onError(error: Error): void }) => void,
  boolean,
] {
  const [commit, inFlight] = useMutation<useOverridePersonaMutation>(graphql`
    mutation useOverridePersonaMutation($input: OverridePersonaInput!, $connections: [ID!]!) {
      overridePersona(input: $input)
        @prependNode(connections: $connections, edgeTypeName: "PersonaAssignmentEdge") {
        id
        window
        ...personaWindow_assignment
        ...personaHistory_row
      }
    }
  `);
  const override = useCallback(
    (variables: OverridePersonaVariables, callbacks: { onDone(): void; onError(error: Error): void }) => {
      commit({
        variables: {
          input: variables,
          connections: [ConnectionHandler.getConnectionID(variables.userId, 'personaHistory_personaHistory')],
        },
        updater: (store) => {
          const assignment = store.getRootField('overridePersona');
          const user = store.get(variables.userId);
          if (!assignment || !user) return;
          user.setLinkedRecord(assignment, 'currentPersona', { window: variables.window });
          // @prependNode adds the row; the count beside it is ours to keep in step.
          const history = ConnectionHandler.getConnection(user, 'personaHistory_personaHistory');
          const total = history?.getValue('totalCount');
          if (history && typeof total === 'number') history.setValue(total + 1, 'totalCount');
        },
        onCompleted: () => callbacks.onDone(),
        onError: (error) => callbacks.onError(error),
      });
    },
    [commit],
  );
  return [override, inFlight];
}
