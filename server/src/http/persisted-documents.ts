import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { REPO_ROOT } from '../db/paths.js';

/** relay-compiler's manifest of the console's operations (id → document text), written by `pnpm relay`. */
export const PERSISTED_DOCUMENTS_FILE = path.join(REPO_ROOT, 'client', 'persisted-documents.json');

/** The documents the console was built with, by id; the only ones a locked-down server runs. */
export class PersistedDocuments {
  private readonly texts: Set<string>;

  constructor(private readonly byId: ReadonlyMap<string, string>) {
    this.texts = new Set(byId.values());
  }

  static fromFile(file: string = PERSISTED_DOCUMENTS_FILE): PersistedDocuments {
    let manifest: Record<string, string> = {};
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      // No manifest (a server deployed without the console): only arbitrary documents can run, if allowed.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new PersistedDocuments(new Map(Object.entries(manifest)));
  }

  get size(): number {
    return this.byId.size;
  }

  text(id: string): string | null {
    return this.byId.get(id) ?? null;
  }

  /** Whether a full document is exactly one of the persisted ones (graphql-sse requests carry the text). */
  includes(text: string): boolean {
    return this.texts.has(text);
  }
}

export interface PersistedDocumentsPolicy {
  documents: PersistedDocuments;
  /** Run documents that are not in the manifest (GraphiQL, third-party clients). Off for a locked-down server. */
  allowArbitraryDocuments: boolean;
}

/**
 * The id a request names: `documentId` (the GraphQL-over-HTTP persisted documents proposal, which the console
 * sends) or Apollo's `extensions.persistedQuery.sha256Hash`.
 */
function documentIdOf(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId;
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

export const PERSISTED_ONLY_MESSAGE = 'This server runs only the persisted documents of the console';

/** yoga's persisted-operations plugin over the console's manifest, with typed errors. */
export function usePersistedDocuments(policy: PersistedDocumentsPolicy): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => policy.documents.text(id),
    allowArbitraryOperations: policy.allowArbitraryDocuments,
    extractPersistedOperationId: documentIdOf,
    customErrors: {
      notFound: {
        message: 'Unknown persisted document id: the console may be newer than the server, reload it',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'A request needs a query or a documentId',
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: PERSISTED_ONLY_MESSAGE,
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  });
}
