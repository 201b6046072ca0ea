import { CsvRecordReader } from '@spendsense/server/domain/audit/export/csv-reader';
import { auditCsvRecord } from '@spendsense/server/domain/audit/export/writer';
import { buildChain } from '@spendsense/server/test-support/audit-chain';
import { parse } from 'csv-parse/sync';
import { type Benchmark, type BenchmarkResult, formatNumber, formatRatio, median } from './framework.js';

/**
 * The export's CSV reader (verify-export reads every file through it) against csv-parse, the library it would
 * be replaced by, on the same text in the same run: entry records of a sealed chain, split into 64 KiB chunks
 * as a file stream delivers them. csv-parse runs with the one option the export's convention needs (an
 * unquoted empty field is null, `""` the empty string) and gets the whole text at once, its fastest form.
 */
const ROUNDS = 5;

export const exportReadersBenchmark: Benchmark = {
  name: 'export-readers',
  title: 'Export CSV reader against csv-parse',
  async run({ quick, log }): Promise<BenchmarkResult> {
    const entries = quick ? 5_000 : 100_000;
    log(`Writing ${entries} CSV entry records…`);
    const text = buildChain(entries, 3).map(auditCsvRecord).join('');
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65_536) chunks.push(text.slice(i, i + 65_536));
    const mib = Buffer.byteLength(text) / 2 ** 20;

    const ours = () => {
      const reader = new CsvRecordReader();
      let records = 0;
      for (const chunk of chunks) {
        reader.push(chunk);
        records += reader.takeRecords().length;
      }
      reader.end();
      return records + reader.takeRecords().length;
    };
    const library = () =>
      (
        parse(text, {
          cast: (value, context) => (value === '' && !context.quoting ? null : value),
          relax_column_count: true,
        }) as unknown[]
      ).length;

    const times = { ours: [] as number[], library: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, read] of [
        ['ours', ours],
        ['library', library],
      ] as const) {
        const started = performance.now();
        const records = read();
        times[name].push(performance.now() - started);
        if (records !== entries) throw new Error(`${name} read ${records} records of ${entries}`);
      }
    }
    const oursMs = median(times.ours);
    const libraryMs = median(times.library);
    return {
      parameters: { entries, rounds: ROUNDS, mib: Number(mib.toFixed(1)) },
      baseline: "the export's own CSV reader on the same text, rounds alternating",
      tables: [
        {
          columns: ['reader', 'median ms', 'MiB/s', 'speed against ours'],
          rows: [
            [
              'CsvRecordReader (ours, 64 KiB chunks)',
              formatNumber(oursMs),
              formatNumber(mib / (oursMs / 1000)),
              '1',
            ],
            [
              'csv-parse/sync (whole text, null-for-unquoted-empty cast)',
              formatNumber(libraryMs),
              formatNumber(mib / (libraryMs / 1000)),
              formatRatio(oursMs / libraryMs),
            ],
          ],
        },
      ],
      notes: [`${formatNumber(mib)} MiB of CSV: ${entries} entry records of a sealed chain.`],
      data: { times },
    };
  },
};
