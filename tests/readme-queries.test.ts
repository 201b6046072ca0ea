import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import { graphqlBlocksOf } from '@spendsense/server/http/graphiql';
import { schema } from '@spendsense/server/schema/index';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const blocks = graphqlBlocksOf(readme);

describe('the GraphQL in README.md', () => {
  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((block, i) => [i + 1, block] as const))(
    'example %i is valid against the schema',
    (_i, block) => {
      const errors = validate(schema, parse(block)).map((e) => e.message);
      expect(errors).toEqual([]);
    },
  );
});
