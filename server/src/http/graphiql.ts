import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import { REPO_ROOT } from '../db/paths.js';

/** The ```graphql blocks of a Markdown document, in order: the README's tour. */
export function graphqlBlocksOf(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
}

/** The README's tour, one GraphiQL tab per example, so a developer can run it step by step. */
function readmeTourTabs(): GraphiQLOptions['defaultTabs'] {
  try {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    return graphqlBlocksOf(readme).map((query) => ({ query }));
  } catch {
    // A deployment without the README still gets a working GraphiQL, just without the tour.
    return undefined;
  }
}

/**
 * GraphiQL as yoga serves it at `/graphql`, rendered from `@graphql-yoga/render-graphiql`, which bundles
 * GraphiQL's scripts, styles and editor workers into the page: it works with no internet (yoga's default page
 * loads them from a CDN). Subscriptions run over SSE; the session cookie authenticates, as in the console.
 */
export function graphiqlSettings() {
  const tabs = readmeTourTabs();
  return {
    graphiql: {
      title: 'SpendSense Oversight GraphiQL',
      subscriptionsProtocol: 'SSE',
      credentials: 'same-origin',
      ...(tabs && tabs.length > 0 ? { defaultTabs: tabs } : {}),
    } satisfies GraphiQLOptions,
    renderGraphiQL,
  };
}
