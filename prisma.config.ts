import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine at start-up unless this points at an existing file.
// `generate`, `validate` and `format` never run it; the placeholder explains why `migrate` cannot be
// used here and points to our own tooling (see CONTRIBUTING.md).
const placeholder = path.resolve('scripts/schema-engine-placeholder.sh');
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(placeholder)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
