import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const here = path.dirname(fileURLToPath(import.meta.url));

// Prisma's CLI downloads a native schema engine at start-up unless this points at an existing file.
// `generate`, `validate` and `format` never run it; the placeholder explains why `migrate` cannot be
// used here and points to our own tooling (see CONTRIBUTING.md).
const placeholder = path.join(here, 'scripts/schema-engine-placeholder.sh');
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(placeholder)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

// The data model and its migrations stay at the repository root (prisma/), where Prisma's own tooling
// looks for them on a machine that can run `prisma migrate`.
export default defineConfig({
  schema: path.join(here, '../prisma/schema.prisma'),
  migrations: { path: path.join(here, '../prisma/migrations') },
});
