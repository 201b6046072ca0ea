import { Badge, Box, HStack, List, Text } from '@chakra-ui/react';
import { graphql, useFragment } from 'react-relay';
import type {
  personaTrace_evaluation$data,
  personaTrace_evaluation$key,
} from '../../__generated__/personaTrace_evaluation.graphql';
import { formatSignalValue } from '../../components/signal-value';

type TreeNode = personaTrace_evaluation$data['criteriaTree'][number];

const OPERATOR_TEXT: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '==': '=',
  '!=': '≠',
};

/**
 * One persona's criteria evaluated for the customer, drawn as its AND/OR tree: every group and condition says
 * whether it held, so the branch that decided stands out (green) from those that did not (grey).
 */
export function PersonaTrace({ evaluation }: { evaluation: personaTrace_evaluation$key }) {
  const data = useFragment(
    graphql`
      fragment personaTrace_evaluation on PersonaEvaluation {
        personaId
        matched
        criteriaTree {
          path
          parentPath
          kind
          held
          condition {
            signal
            signalDescription
            operator
            threshold
            actual
            unit
            held
            missingReason
          }
        }
      }
    `,
    evaluation,
  );
  const children = new Map<string, TreeNode[]>();
  for (const node of data.criteriaTree) {
    if (node.parentPath === null || node.parentPath === undefined) continue;
    children.set(node.parentPath, [...(children.get(node.parentPath) ?? []), node]);
  }
  const root = data.criteriaTree.find((node) => node.parentPath == null);
  if (!root) return <Text color="gray.700">No criteria recorded.</Text>;
  return (
    <Box data-testid={`trace-${data.personaId}`}>
      <CriterionNode node={root} childrenOf={children} />
    </Box>
  );
}

function CriterionNode({ node, childrenOf }: { node: TreeNode; childrenOf: Map<string, TreeNode[]> }) {
  if (node.kind === 'CONDITION' && node.condition) return <ConditionRow condition={node.condition} />;
  const kids = childrenOf.get(node.path) ?? [];
  const label = node.kind === 'ALL' ? 'ALL of (AND)' : 'ANY of (OR)';
  return (
    <Box
      borderLeftWidth="3px"
      borderColor={node.held ? 'green.600' : 'gray.300'}
      pl="3"
      py="1"
      role="group"
      aria-label={`${label}: ${node.held ? 'held' : 'not held'}`}
    >
      <HStack gap="2" mb="1">
        <Text fontWeight="semibold" fontSize="sm">
          {label}
        </Text>
        <HeldBadge held={node.held} />
      </HStack>
      <List.Root variant="plain" gap="1">
        {kids.map((child) => (
          <List.Item key={child.path} display="block">
            <CriterionNode node={child} childrenOf={childrenOf} />
          </List.Item>
        ))}
      </List.Root>
    </Box>
  );
}

function ConditionRow({ condition }: { condition: NonNullable<TreeNode['condition']> }) {
  const missing = condition.actual === null || condition.actual === undefined;
  return (
    <HStack
      gap="3"
      wrap="wrap"
      py="1"
      px="2"
      rounded="sm"
      bg={condition.held ? 'green.50' : 'transparent'}
      title={condition.signalDescription}
    >
      <Text fontFamily="mono" fontSize="sm">
        {condition.signal} {OPERATOR_TEXT[condition.operator] ?? condition.operator}{' '}
        {formatSignalValue(condition.threshold, condition.unit)}
      </Text>
      <Text fontSize="sm" color="gray.700">
        actual{' '}
        <Text as="span" fontWeight="semibold" color="gray.900">
          {missing ? 'missing' : formatSignalValue(condition.actual, condition.unit)}
        </Text>
        {missing && condition.missingReason ? ` (${condition.missingReason})` : ''}
      </Text>
      {missing ? (
        <Badge colorPalette="orange" variant="subtle">
          ✗ missing data
        </Badge>
      ) : (
        <HeldBadge held={condition.held} />
      )}
    </HStack>
  );
}

function HeldBadge({ held }: { held: boolean }) {
  return (
    // green.700, not the palette's green.600, so white text reaches WCAG AA contrast.
    <Badge
      colorPalette={held ? 'green' : 'gray'}
      variant={held ? 'solid' : 'subtle'}
      bg={held ? 'green.700' : undefined}
    >
      {held ? '✓ held' : '✗ not held'}
    </Badge>
  );
}
