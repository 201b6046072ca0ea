/**
 * The audit domain: event types and their data, the canonical form of an entry, the hash chain, and the
 * verification of chains and exports. Pure: no I/O apart from hashing. See README.md for what it proves.
 */
export {
  CanonicalJsonError,
  canonicalJson,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
} from '../canonical-json.js';
export { chainLinkText } from './canonical-entry.js';
export {
  CHAIN_HASH_SQL,
  type ChainHead,
  chainHash,
  GENESIS_HASH,
  GENESIS_HEAD,
  headOf,
  isAuditSeq,
  isSha256Hex,
  sealAuditEntry,
} from './chain.js';
export {
  type AuditCheckpoint,
  checkpointHead,
  checkpointProblem,
  type SignedAuditCheckpoint,
  signCheckpoint,
} from './checkpoint.js';
export {
  type AuditEntryContent,
  auditContentProblem,
  auditTimestamp,
  canonicalAuditContent,
  contentHash,
  isAuditTimestamp,
  type StoredAuditEntry,
} from './entry.js';
export {
  AUDIT_EVENT_TYPE_NAMES,
  AUDIT_EVENT_TYPES,
  type AuditArchivedData,
  type AuditCheckpointData,
  type AuditEvent,
  type AuditEventDataMap,
  type AuditEventType,
  type AuditEventTypeInfo,
  type AuditExportedData,
  type AuditExportFormat,
  type AuditPurgedData,
  type AuditSeqRange,
  type AuditWindow,
  type ConsentChangedData,
  type ConsentChannel,
  type ConsentStatus,
  type EligibilityCheckedData,
  type GuardrailOutcome,
  type GuardrailStage,
  isAuditEventType,
  type LoginAttemptData,
  type OperatorActionData,
  type PersonaAssignedData,
  type PersonaOverriddenData,
  type RecommendationGeneratedData,
  type ReviewAction,
  type SubjectPresence,
  type ToneSeverity,
  type ToneValidatedData,
  type UnauthorizedAccessData,
} from './event-types.js';
export {
  AUDIT_CSV_COLUMNS,
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  AuditExportEncoder,
  type AuditExportFileManifest,
  AuditExportFormatError,
  AuditJsonExportReader,
  auditEntryAction,
  CSV_MANIFEST_MARKER,
  CsvRecordReader,
  csvDerivedColumnProblem,
  csvRecordKind,
  detectAuditExportFormat,
  entryFromCsvRecord,
  entryFromExportObject,
  isAuditExportFormat,
  manifestFromCsvRecord,
  parseNdjsonLine,
} from './export-formats.js';
export {
  AUDIT_EXPORT_FORMAT_VERSION,
  type AuditExportManifest,
  AuditExportManifestBuilder,
  type ExportFailureReason,
  type ExportManifestOptions,
  type ExportVerification,
  exportManifest,
  manifestProblem,
  verifyExportRows,
} from './export-manifest.js';
export {
  type AuditFilter,
  auditFilterProblems,
  type FilterableAuditEntry,
  matchesAuditFilter,
} from './filter.js';
export {
  type AuditSigningKey,
  type DocumentSignature,
  keyIdOf,
  publicKeyFromPem,
  SIGNATURE_PROBLEM_TEXT,
  type SignatureProblem,
  type Signed,
  signatureProblem,
  signDocument,
  signingKeyFromPem,
} from './signing.js';
export { auditEntryProblems, type EventDataValidation, validateEventData } from './validate-event-data.js';
export {
  AuditChainVerifier,
  type AuditEntrySource,
  type ChainFailureReason,
  type ChainVerification,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.js';
