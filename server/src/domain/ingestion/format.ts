/**
 * Writes a batch as the CSV files `parseLedgerCsv` reads: one per kind, header first, empty cells
 * for missing values. Used to export synthetic customers as example files and in round-trip tests.
 */

import { FIELDS } from './fields.js';
import { LEDGER_RECORD_KINDS, type LedgerBatch, type LedgerRecordKind } from './types.js';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatLedgerCsv(batch: LedgerBatch): Record<LedgerRecordKind, string> {
  const files = {} as Record<LedgerRecordKind, string>;
  for (const kind of LEDGER_RECORD_KINDS) {
    const fields = FIELDS[kind];
    const lines = [fields.map((spec) => spec.column).join(',')];
    for (const record of batch[kind]) {
      const values = new Map<string, unknown>(Object.entries(record));
      lines.push(fields.map((spec) => csvCell(values.get(spec.name))).join(','));
    }
    files[kind] = `${lines.join('\n')}\n`;
  }
  return files;
}
