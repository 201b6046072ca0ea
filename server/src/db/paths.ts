import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root, wherever the server is started from. */
export const REPO_ROOT = path.resolve(here, '../../..');
export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');
export const SCHEMA_PATH = path.join(REPO_ROOT, 'prisma', 'schema.prisma');
