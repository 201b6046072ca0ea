import path from 'node:path';
import type { AuditArchive } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';

export type { AuditArchive };

/** Every archive manifest, oldest range first. */
export function archiveManifests(db: Db): Promise<AuditArchive[]> {
  return db.auditArchive.findMany({ orderBy: { firstSeq: 'asc' } });
}

/** Manifests whose rows left the table and whose file is still kept: what `includeArchived` reads. */
export async function searchableArchives(ctx: ServiceContext): Promise<AuditArchive[]> {
  return ctx.db.prisma.auditArchive.findMany({
    where: { rowsDeletedAt: { not: null }, purgedAt: null },
    orderBy: { firstSeq: 'asc' },
  });
}

/** The absolute path of a manifest's file under the archive folder. */
export function archivePath(ctx: ServiceContext, archive: Pick<AuditArchive, 'file'>): string {
  return path.join(ctx.retention.archiveDir, ...archive.file.split('/'));
}
