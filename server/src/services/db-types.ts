import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** A Prisma client or the transaction client inside `$transaction`: services accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;
