import type { ConditionResult, Criterion } from '../domain/personas/index.js';

const isGroup = (c: Criterion): c is { all: readonly Criterion[] } | { any: readonly Criterion[] } =>
  'all' in c || 'any' in c;

/** A persona criterion as one readable expression, with parentheses around nested groups. */
export function describeCriterion(criterion: Criterion, nested = false): string {
  if (!isGroup(criterion)) return `${criterion.signal} ${criterion.op} ${JSON.stringify(criterion.value)}`;
  const [children, joiner] = 'all' in criterion ? [criterion.all, ' AND '] : [criterion.any, ' OR '];
  const text = children.map((child) => describeCriterion(child, true)).join(joiner);
  return nested && children.length > 1 ? `(${text})` : text;
}

/** Leaf conditions of a criterion in order, each with its path in the tree. */
export function flattenCriterion(
  criterion: Criterion,
  path = '',
): Array<{ signal: string; op: string; value: unknown; groupPath: string }> {
  if (!isGroup(criterion))
    return [{ signal: criterion.signal, op: criterion.op, value: criterion.value, groupPath: path }];
  const [kind, children] =
    'all' in criterion ? (['all', criterion.all] as const) : (['any', criterion.any] as const);
  return children.flatMap((child, i) =>
    flattenCriterion(child, path ? `${path}.${kind}[${i}]` : `${kind}[${i}]`),
  );
}

export interface FlatConditionResult {
  signal: string;
  op: string;
  threshold: unknown;
  actual: unknown;
  held: boolean;
  reason: string | null;
  groupPath: string;
}

/** One node of an evaluated criterion tree: an AND/OR group or a leaf condition with its outcome. */
export interface CriterionResultNode {
  /** Where the node sits, e.g. "all[1].any[0]"; the root is "". */
  path: string;
  /** The enclosing group's path; null for the root. */
  parentPath: string | null;
  depth: number;
  kind: 'all' | 'any' | 'condition';
  held: boolean;
  /** Leaves only. */
  condition: FlatConditionResult | null;
}

/** Every node of an evaluated criterion tree in pre-order (a group before its children). */
export function criterionResultNodes(
  result: ConditionResult,
  path = '',
  parentPath: string | null = null,
  depth = 0,
): CriterionResultNode[] {
  if (result.kind === 'condition') {
    const condition: FlatConditionResult = {
      signal: result.signal,
      op: result.op,
      threshold: result.threshold,
      actual: result.actual,
      held: result.held,
      reason: result.reason ?? null,
      groupPath: path,
    };
    return [{ path, parentPath, depth, kind: 'condition', held: result.held, condition }];
  }
  const group: CriterionResultNode = {
    path,
    parentPath,
    depth,
    kind: result.kind,
    held: result.held,
    condition: null,
  };
  return [
    group,
    ...result.children.flatMap((child, i) =>
      criterionResultNodes(
        child,
        path ? `${path}.${result.kind}[${i}]` : `${result.kind}[${i}]`,
        path,
        depth + 1,
      ),
    ),
  ];
}

/** Leaf results of an evaluated criterion tree in order, each with its path in the tree. */
export function flattenResult(result: ConditionResult): FlatConditionResult[] {
  return criterionResultNodes(result).flatMap((node) => (node.condition ? [node.condition] : []));
}
