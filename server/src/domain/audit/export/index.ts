/** Audit export files: formats, the streaming writer, the two readers and the manifest. */
export * from './csv-reader.js';
export * from './formats.js';
export * from './json-reader.js';
export * from './manifest.js';
export * from './writer.js';
