import {
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isScalarType,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Reports bad input values with the same `extensions.code` however they arrive.
 *
 * An unknown enum value or a malformed scalar (`eventTypes: [NOPE]`, `from: "not-a-date"`) written into the
 * query fails validation, which yoga reports as GRAPHQL_VALIDATION_FAILED, and the same value passed in a
 * variable fails variable coercion, which carries no code at all. Both are a caller sending a value the
 * schema does not accept, so both become BAD_USER_INPUT, as the resolvers' own input errors are. Every other
 * validation error (unknown fields, wrong argument names, …) is a malformed query and keeps
 * GRAPHQL_VALIDATION_FAILED.
 */
export function useBadInputValuesAsBadUserInput(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        const badValues = invalidLeafLiterals(params.schema, params.documentAST);
        if (badValues.size === 0) return;
        for (const error of result) {
          if (error.nodes?.some((node: ASTNode) => badValues.has(node))) markBadUserInput(error);
        }
      };
    },
    onExecute() {
      return { onExecuteDone: ({ result, setResult }) => replaceVariableErrors(result, setResult) };
    },
    onSubscribe() {
      return { onSubscribeResult: ({ result, setResult }) => replaceVariableErrors(result, setResult) };
    },
  };
}

function markBadUserInput(error: GraphQLError): void {
  // yoga's own validation hook fills the code later with `||=`; set it here and it stays.
  (error.extensions as Record<string, unknown>)['code'] = 'BAD_USER_INPUT';
}

/**
 * The literal values in `document` that stand where an enum or a scalar is expected and are not one of its
 * values: the enum has no such value, or the scalar's own parser refuses the literal (as validation does).
 */
function invalidLeafLiterals(schema: GraphQLSchema, document: DocumentNode): Set<ASTNode> {
  const found = new Set<ASTNode>();
  const typeInfo = new TypeInfo(schema);
  const check = (node: ValueNode) => {
    const type = getNamedType(typeInfo.getInputType());
    if (isEnumType(type)) {
      if (node.kind === 'EnumValue' && type.getValue(node.value) !== undefined) return;
      found.add(node);
    } else if (isScalarType(type)) {
      try {
        if (type.parseLiteral(node, undefined) !== undefined) return;
      } catch {
        // Refused by the scalar: a bad value, as below.
      }
      found.add(node);
    }
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      EnumValue: check,
      StringValue: check,
      IntValue: check,
      FloatValue: check,
      BooleanValue: check,
      ObjectValue: check,
    }),
  );
  return found;
}

/**
 * Variable coercion fails before any resolver runs, with errors that have no path and a message naming the
 * variable (graphql-js: `Variable "$x" got invalid value …`, `… of required type … was not provided.`).
 * They are replaced rather than marked: each wraps the enum's own error as `originalError`, which error
 * masking would otherwise report instead, without the variable's name and without a code.
 */
function replaceVariableErrors(result: unknown, setResult: (result: ExecutionResult) => void): void {
  const execution = result as ExecutionResult | null;
  const errors = execution?.errors;
  if (!Array.isArray(errors) || !errors.some(isVariableError)) return;
  setResult({
    ...execution,
    errors: errors.map((error) =>
      isVariableError(error)
        ? // No `http` status of its own: like validation errors, it is answered with the default status.
          new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } })
        : error,
    ),
  });
}

function isVariableError(error: GraphQLError): boolean {
  return error.path === undefined && error.message.startsWith('Variable "$');
}
