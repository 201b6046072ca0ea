import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvRecordReader } from '@spendsense/server/domain/audit/export/csv-reader';
import { entryFromExportObject } from '@spendsense/server/domain/audit/export/formats';
import { AuditJsonExportReader, readNdjsonExport } from '@spendsense/server/domain/audit/export/json-reader';
import { auditCsvRecord, auditJsonEntry } from '@spendsense/server/domain/audit/export/writer';
import { buildChain } from '@spendsense/server/test-support/audit-chain';
import { parse } from 'csv-parse/sync';
import { parserStream } from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import jsonlParser from 'stream-json/jsonl/parser.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { type Benchmark, type BenchmarkResult, formatNumber, formatRatio, median } from './framework.js';

/**
 * The export readers (verify-export reads every file through them) against the libraries they would be
 * replaced by, on the same text in the same run, rounds alternating: entry records of a sealed chain, fed in
 * 64 KiB chunks as a file stream delivers them.
 * - CSV: our `CsvRecordReader` against csv-parse, with the one option the export's convention needs (an
 *   unquoted empty field is null, `""` the empty string), given the whole text at once, its fastest form.
 * - JSON (`{"entries":[…],"manifest":{…}}`): our `AuditJsonExportReader` (finds each entry's bounds and leaves
 *   it to JSON.parse) against stream-json's parser → pick('entries') → streamArray.
 * - NDJSON: `readNdjsonExport` (verify-export's path: stream-chain splits the lines, ours counts them for
 *   error messages and checks the manifest comes last) against stream-json's JSONL parser, each value mapped
 *   to an entry the same way.
 */
const ROUNDS = 5;

function chunked(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 65_536) chunks.push(text.slice(i, i + 65_536));
  return chunks;
}

/** Counts what a Node stream pipeline of `stages` emits for `chunks`. */
async function countThrough(chunks: readonly string[], stages: NodeJS.ReadWriteStream[]): Promise<number> {
  let count = 0;
  await pipeline(
    Readable.from(chunks),
    ...(stages as [NodeJS.ReadWriteStream]),
    async (items: AsyncIterable<unknown>) => {
      for await (const _ of items) count++;
    },
  );
  return count;
}

interface Contest {
  format: string;
  mib: number;
  ours: { label: string; read: () => Promise<number> | number };
  library: { label: string; read: () => Promise<number> | number };
}

export const exportReadersBenchmark: Benchmark = {
  name: 'export-readers',
  title: 'Export readers against csv-parse and stream-json',
  async run({ quick, log }): Promise<BenchmarkResult> {
    const entries = quick ? 5_000 : 100_000;
    log(`Writing ${entries} entries as CSV, JSON and NDJSON…`);
    const chain = buildChain(entries, 3);
    const csv = chain.map(auditCsvRecord).join('');
    const jsonLines = chain.map(auditJsonEntry);
    const json = `{"entries":[${jsonLines.join(',\n')}],"manifest":{"row_count":${entries}}}`;
    const ndjson = `${jsonLines.join('\n')}\n`;
    const mibOf = (text: string) => Buffer.byteLength(text) / 2 ** 20;
    const [csvChunks, jsonChunks, ndjsonChunks] = [csv, json, ndjson].map(chunked) as [
      string[],
      string[],
      string[],
    ];

    const contests: Contest[] = [
      {
        format: 'CSV',
        mib: mibOf(csv),
        ours: {
          label: 'CsvRecordReader',
          read: () => {
            const reader = new CsvRecordReader();
            let records = 0;
            for (const chunk of csvChunks) {
              reader.push(chunk);
              records += reader.takeRecords().length;
            }
            reader.end();
            return records + reader.takeRecords().length;
          },
        },
        library: {
          label: 'csv-parse/sync with the null-for-unquoted-empty cast',
          read: () =>
            (
              parse(csv, {
                cast: (value, context) => (value === '' && !context.quoting ? null : value),
                relax_column_count: true,
              }) as unknown[]
            ).length,
        },
      },
      {
        format: 'JSON',
        mib: mibOf(json),
        ours: {
          label: 'AuditJsonExportReader',
          read: () => {
            const reader = new AuditJsonExportReader({ entries: true });
            let read = 0;
            for (const chunk of jsonChunks) {
              reader.push(chunk);
              read += reader.takeEntries().length;
            }
            reader.end();
            return read + reader.takeEntries().length;
          },
        },
        library: {
          label: "stream-json parser → pick('entries') → streamArray",
          read: () =>
            countThrough(jsonChunks, [
              parserStream(),
              pick.asStream({ filter: 'entries' }),
              streamArray.asStream(),
            ]),
        },
      },
      {
        format: 'NDJSON',
        mib: mibOf(ndjson),
        ours: {
          label: 'readNdjsonExport: stream-chain lines → parseNdjsonLine (what verify-export runs)',
          read: async () => {
            let read = 0;
            for await (const _entry of readNdjsonExport(Readable.from(ndjsonChunks))) read++;
            return read;
          },
        },
        library: {
          label: 'stream-json JSONL parser → the same entry mapping',
          read: async () => {
            let read = 0;
            await pipeline(
              Readable.from(ndjsonChunks),
              jsonlParser.asStream(),
              async (items: AsyncIterable<{ value: unknown }>) => {
                for await (const item of items) {
                  entryFromExportObject(item.value);
                  read++;
                }
              },
            );
            return read;
          },
        },
      },
    ];

    const rows: string[][] = [];
    const data: Record<string, { ours: number[]; library: number[] }> = {};
    for (const contest of contests) {
      log(`${contest.format}…`);
      const times = { ours: [] as number[], library: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of ['ours', 'library'] as const) {
          const started = performance.now();
          const read = await contest[side].read();
          times[side].push(performance.now() - started);
          if (read !== entries) throw new Error(`${contest[side].label} read ${read} entries of ${entries}`);
        }
      }
      data[contest.format] = times;
      const oursMs = median(times.ours);
      const libraryMs = median(times.library);
      rows.push(
        [
          `${contest.format}: ${contest.ours.label} (ours)`,
          formatNumber(oursMs),
          formatNumber(contest.mib / (oursMs / 1000)),
          '1',
        ],
        [
          `${contest.format}: ${contest.library.label}`,
          formatNumber(libraryMs),
          formatNumber(contest.mib / (libraryMs / 1000)),
          formatRatio(oursMs / libraryMs),
        ],
      );
    }
    return {
      parameters: { entries, rounds: ROUNDS },
      baseline: "the export's own reader of each format on the same text, rounds alternating",
      tables: [{ columns: ['reader', 'median ms', 'MiB/s', 'speed against ours'], rows }],
      notes: [
        `${entries} entries of a sealed chain: ${contests.map((c) => `${c.format} ${formatNumber(c.mib)} MiB`).join(', ')}.`,
        'A library replaces our reader where it keeps up (at least 0.8× our speed).',
      ],
      data,
    };
  },
};
