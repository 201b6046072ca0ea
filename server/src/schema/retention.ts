import { type RetentionMonth, type RetentionReport, runRetention } from '../services/retention/archive.js';
import { builder } from './builder.js';
import { signedInOperator } from './context.js';

const RetentionMonthRef = builder.objectRef<RetentionMonth>('RetentionMonth').implement({
  description: 'One month of audit entries archived (or to be archived) or purged.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month, YYYY-MM (UTC).' }),
    firstSeq: t.string({ description: 'First sequence number.', resolve: (m) => String(m.firstSeq) }),
    lastSeq: t.string({ description: 'Last sequence number.', resolve: (m) => String(m.lastSeq) }),
    rowCount: t.exposeInt('rowCount', { description: 'How many entries.' }),
    file: t.exposeString('file', { description: 'The Parquet file under ARCHIVE_DIR.' }),
    fileSha256: t.exposeString('fileSha256', {
      nullable: true,
      description: "SHA-256 of the file's bytes; null in a dry run.",
    }),
    fileBytes: t.exposeInt('fileBytes', {
      nullable: true,
      description: 'Size of the file; null in a dry run.',
    }),
  }),
});

const RetentionReportRef = builder.objectRef<RetentionReport>('RetentionReport').implement({
  description: 'What a retention run archived and purged, or in a dry run would have.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was changed.' }),
    firstActiveMonth: t.exposeString('firstActiveMonth', {
      description: 'The oldest month kept in the database; entries before it are archived.',
    }),
    firstKeptArchiveMonth: t.exposeString('firstKeptArchiveMonth', {
      description: 'The oldest archived month kept; archives before it are purged.',
    }),
    archived: t.field({
      type: [RetentionMonthRef],
      description: 'Months moved to Parquet archives, oldest first.',
      resolve: (r) => r.archived,
    }),
    purged: t.field({
      type: [RetentionMonthRef],
      description: 'Archived months deleted at the end of the retention period, oldest first.',
      resolve: (r) => r.purged,
    }),
  }),
});

builder.mutationField('runRetention', (t) =>
  t.field({
    type: RetentionReportRef,
    description:
      'Applies the audit retention policy now (administrators only; RETENTION.md): entries older than the active window move month by month into Parquet archives, each month logged as audit_archived; archives past the retention limit are deleted, each logged as audit_purged. A dry run only reports what is due. The same job as `pnpm cli archive`.',
    args: {
      dryRun: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Report what is due without changing anything.',
      }),
    },
    resolve: (_root, args, ctx) =>
      runRetention(ctx.services, {
        dryRun: args.dryRun ?? false,
        operatorId: signedInOperator(ctx).id,
        origin: ctx.origin,
      }),
  }),
);
