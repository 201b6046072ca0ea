import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  print,
} from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';

/**
 * Executes each subscription event once per payload shape instead of once per subscriber.
 *
 * A live feed hands the same event object to all its subscribers (the audit feed loads each new entry once
 * per instance). Subscribers that sent the same document with the same variables under the same role would
 * each execute it against that object: the same fields, the same authorization decisions, the same reads
 * of the entry's customer and operator. Here the first of them executes it and the others receive its
 * result (the same object, so it is also serialised the same way).
 *
 * What stays per subscriber: the subscription itself (its authorization when it starts, its filter, its
 * replay, the end of its session), and any event whose result carries errors: those are executed again by
 * each subscriber, so every refusal is answered and recorded (an `unauthorized_access` entry) for the
 * operator it concerns. Field authorization depends on the operator's role alone (policy.ts), which is
 * why the role is part of the shape.
 */
export function useSharedSubscriptionEvents(): Plugin<GraphQLContext> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribeSharingEvents as never);
    },
  };
}

// Per event object, the execution of each shape that met it first. Weak: an event is forgotten with its
// object, once every subscriber has taken it from its queue.
const executionsOf = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
const documentTexts = new WeakMap<DocumentNode, string>();

async function subscribeSharingEvents(
  args: ExecutionArgs,
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  // Runs the subscription field's `subscribe` (and its authorization): the same first step as graphql-js's
  // `subscribe`, which then executes the document once per event.
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const shape = shapeOf(args);
  const executeEvent = (payload: unknown) => Promise.resolve(execute({ ...args, rootValue: payload }));
  return mapAsyncIterator(source, (payload: unknown) => {
    if (shape === null || typeof payload !== 'object' || payload === null) return executeEvent(payload);
    let executions = executionsOf.get(payload);
    if (!executions) {
      executions = new Map();
      executionsOf.set(payload, executions);
    }
    const first = executions.get(shape);
    if (!first) {
      const execution = executeEvent(payload);
      executions.set(shape, execution);
      return execution;
    }
    return first.then(
      (result) => (result.errors ? executeEvent(payload) : result),
      () => executeEvent(payload),
    );
  });
}

/** What an event's result depends on besides the event: document, operation, variables and role. */
function shapeOf(args: ExecutionArgs): string | null {
  const role = (args.contextValue as GraphQLContext | undefined)?.operator?.role;
  if (!role) return null;
  let text = documentTexts.get(args.document);
  if (text === undefined) {
    text = print(args.document);
    documentTexts.set(args.document, text);
  }
  return JSON.stringify([role, args.operationName ?? null, args.variableValues ?? null, text]);
}
