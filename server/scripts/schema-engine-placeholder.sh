#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
echo "The native Prisma schema engine is not installed here." >&2
echo "Use 'pnpm migrate:new <name>' to create a migration; migrations are applied at start-up and in tests." >&2
exit 1
