import { Box, Heading, Link, SimpleGrid, Stack } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import { Link as RouterLink, useParams } from 'react-router';
import type { customerProfilePageQuery } from '../../__generated__/customerProfilePageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';
import { mayUse } from '../../session/roles';
import { OverridePersonaForm } from './override-persona-form';
import { PersonaHistory } from './persona-history';
import { PersonaWindow } from './persona-window';

/**
 * A customer's persona profile (story 3.4 AC 8, story 6.3): both windows side by side with the full decision
 * trace, the assignment history, and for administrators the override.
 */
export default function CustomerProfilePage() {
  const { id = '' } = useParams();
  const data = usePageQuery<customerProfilePageQuery>(
    graphql`
      query customerProfilePageQuery($id: ID!) {
        user(id: $id) {
          id
          customerId
          name
          email
          d30: currentPersona(window: D30) {
            ...personaWindow_assignment
          }
          d180: currentPersona(window: D180) {
            ...personaWindow_assignment
          }
          ...personaHistory_user
        }
        personas {
          personaId
          name
          priority
        }
        viewer {
          role
        }
      }
    `,
    { id },
  );
  const user = data.user;
  if (!user) {
    return (
      <EmptyState
        title="No such customer"
        description="Nothing is stored under this link."
        action={
          <Link asChild color="blue.700">
            <RouterLink to="/customers">Search customers</RouterLink>
          </Link>
        }
      />
    );
  }
  return (
    <Stack gap="6">
      <PageHeader
        title={user.name}
        description={`Customer ${user.customerId} · ${user.email}`}
        actions={
          <Link asChild color="blue.700">
            <RouterLink to="/customers">Back to customers</RouterLink>
          </Link>
        }
      />
      <SimpleGrid columns={{ base: 1, xl: 2 }} gap="6" alignItems="start">
        <PersonaWindow window="D30" assignment={user.d30} />
        <PersonaWindow window="D180" assignment={user.d180} />
      </SimpleGrid>
      {mayUse(data.viewer?.role, 'Mutation.overridePersona') ? (
        <OverridePersonaForm userId={user.id} personas={data.personas} />
      ) : null}
      <Box as="section" aria-labelledby="history-heading">
        <Heading as="h2" size="lg" id="history-heading" mb="3">
          Assignment history
        </Heading>
        <PersonaHistory user={user} />
      </Box>
    </Stack>
  );
}
