import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Text PostgreSQL cannot store and UTF-8 cannot encode: U+0000, and a UTF-16 surrogate without its pair.
 * Refused at the edge, in variables and in literals alike, as BAD_USER_INPUT, so no resolver, audit entry or
 * query ever meets them (they used to surface as database errors, i.e. INTERNAL_SERVER_ERROR).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

function firstUnstorable(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstUnstorable(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstUnstorable(key, path) ?? firstUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

const MESSAGE = 'contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored';

function storableLiteralsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (!isStorableText(node.value)) {
        context.reportError(
          new GraphQLError(`A string literal ${MESSAGE}`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  };
}

export function useWellFormedStrings(): Plugin {
  return {
    onParams({ params, setResult }) {
      const where =
        firstUnstorable(params.variables ?? {}, '$variables') ??
        firstUnstorable(params.operationName ?? '', 'operationName');
      if (where) {
        setResult({
          errors: [
            new GraphQLError(`${where} ${MESSAGE}`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            }),
          ],
        });
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(storableLiteralsRule);
    },
  };
}
