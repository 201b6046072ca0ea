import { Accordion, Badge, Box, Card, DataList, Heading, HStack, List, Text } from '@chakra-ui/react';
import { graphql, useFragment } from 'react-relay';
import type { personaWindow_assignment$key } from '../../__generated__/personaWindow_assignment.graphql';
import { formatDateTime, WINDOW_LABEL } from '../../components/format';
import { personaLabel } from '../../components/persona-label';
import { PersonaTrace } from './persona-trace';
import { SignalTable } from './signal-table';

/**
 * The current persona of one window: the decision (persona, priority, confidence, when, why), every persona of
 * the registry with its evaluated criteria tree, and the signals the decision used.
 */
export function PersonaWindow({
  window,
  assignment,
}: {
  window: 'D30' | 'D180';
  assignment: personaWindow_assignment$key | null | undefined;
}) {
  const data = useFragment(
    graphql`
      fragment personaWindow_assignment on PersonaAssignment {
        id
        personaId
        status
        source
        priority
        confidence
        assignedAt
        referenceDate
        prioritizationReason
        qualifyingPersonas
        registryVersion
        assignedBy {
          displayName
        }
        persona {
          name
          description
          educationalFocus
        }
        evaluations {
          personaId
          matched
          persona {
            name
            priority
            description
            educationalFocus
          }
          ...personaTrace_evaluation
        }
        signalSnapshot {
          ...signalTable_snapshot
        }
      }
    `,
    assignment ?? null,
  );
  const headingId = `window-${window}`;
  if (!data) {
    return (
      <Card.Root as="section" aria-labelledby={headingId} variant="outline" bg="white">
        <Card.Body>
          <Heading as="h2" size="lg" id={headingId}>
            {WINDOW_LABEL[window]}
          </Heading>
          <Text mt="2" color="gray.700">
            Unclassified: no assignment found for this time window.
          </Text>
        </Card.Body>
      </Card.Root>
    );
  }
  const decided = data.evaluations.find((e) => e.personaId === data.personaId);
  return (
    <Card.Root as="section" aria-labelledby={headingId} variant="outline" bg="white" minW="0">
      <Card.Body gap="4">
        <HStack justify="space-between" wrap="wrap">
          <Heading as="h2" size="lg" id={headingId}>
            {WINDOW_LABEL[window]}
          </Heading>
          {data.source === 'OVERRIDE' ? (
            <Badge colorPalette="purple" variant="solid">
              Override
            </Badge>
          ) : null}
        </HStack>
        <Box>
          <Text fontSize="2xl" fontWeight="bold" data-testid={`persona-${window}`}>
            {personaLabel(data.personaId, data.persona?.name)}
          </Text>
          {data.persona ? <Text color="gray.700">{data.persona.description}</Text> : null}
        </Box>
        <DataList.Root orientation="horizontal" size="sm">
          <DataItem label="Priority" value={data.priority === null ? '—' : String(data.priority)} />
          <DataItem label="Confidence" value={`${Math.round(data.confidence * 100)} %`} />
          <DataItem label="Assigned at" value={formatDateTime(data.assignedAt)} />
          <DataItem label="Window ends" value={String(data.referenceDate)} />
          <DataItem label="Why" value={data.prioritizationReason} />
          {data.assignedBy ? <DataItem label="Overridden by" value={data.assignedBy.displayName} /> : null}
        </DataList.Root>
        {data.persona ? (
          <Box>
            <Heading as="h3" size="sm" mb="1">
              Educational focus
            </Heading>
            <List.Root ps="5" fontSize="sm">
              {data.persona.educationalFocus.map((topic) => (
                <List.Item key={topic}>{topic}</List.Item>
              ))}
            </List.Root>
          </Box>
        ) : null}
        <Box>
          <Heading as="h3" size="sm" mb="2">
            Decision trace: every persona evaluated
          </Heading>
          <Accordion.Root multiple defaultValue={decided ? [decided.personaId] : []} variant="enclosed">
            {data.evaluations.map((evaluation) => (
              <Accordion.Item key={evaluation.personaId} value={evaluation.personaId}>
                <Accordion.ItemTrigger>
                  <HStack flex="1" gap="2" wrap="wrap">
                    <Text fontWeight="medium">
                      {evaluation.persona?.priority ? `${evaluation.persona.priority}. ` : ''}
                      {personaLabel(evaluation.personaId, evaluation.persona?.name)}
                    </Text>
                    <EvaluationBadge
                      assigned={evaluation.personaId === data.personaId}
                      matched={evaluation.matched}
                      override={data.source === 'OVERRIDE'}
                    />
                  </HStack>
                  <Accordion.ItemIndicator />
                </Accordion.ItemTrigger>
                <Accordion.ItemContent>
                  <Accordion.ItemBody>
                    {evaluation.persona ? (
                      <Text fontSize="sm" color="gray.700" mb="2">
                        {evaluation.persona.description} Focus:{' '}
                        {evaluation.persona.educationalFocus.join('; ')}.
                      </Text>
                    ) : null}
                    <PersonaTrace evaluation={evaluation} />
                  </Accordion.ItemBody>
                </Accordion.ItemContent>
              </Accordion.Item>
            ))}
          </Accordion.Root>
        </Box>
        <Box>
          <Heading as="h3" size="sm" mb="2">
            Signals used
          </Heading>
          <SignalTable snapshot={data.signalSnapshot} />
        </Box>
        <Text fontSize="xs" color="gray.600">
          Registry {data.registryVersion}
        </Text>
      </Card.Body>
    </Card.Root>
  );
}

/**
 * Where a persona stands in this decision. Under an override the assigned persona may not have qualified, and
 * the qualifying ones were not outranked but set aside, so the words differ.
 */
function EvaluationBadge({
  assigned,
  matched,
  override,
}: {
  assigned: boolean;
  matched: boolean;
  override: boolean;
}) {
  if (assigned && override) {
    return (
      <Badge colorPalette="purple" variant="solid">
        Assigned by override{matched ? '' : ' (did not qualify)'}
      </Badge>
    );
  }
  if (assigned) {
    return (
      <Badge colorPalette="green" variant="solid" bg="green.700">
        Assigned
      </Badge>
    );
  }
  if (matched) {
    return (
      <Badge colorPalette="blue" variant="subtle">
        {override ? 'Qualified' : 'Qualified, lower priority'}
      </Badge>
    );
  }
  return (
    <Badge colorPalette="gray" variant="subtle">
      Did not qualify
    </Badge>
  );
}

function DataItem({ label, value }: { label: string; value: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel minW="28">{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value}</DataList.ItemValue>
    </DataList.Item>
  );
}
