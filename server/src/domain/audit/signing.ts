import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson, type JsonObject } from '../canonical-json.js';

/**
 * Ed25519 signatures over the RFC 8785 canonical JSON of a document (a chain checkpoint, an export manifest),
 * so a public key alone verifies them offline, whatever key order or whitespace the file was written with.
 * The signature lives in the document's own `signature` member, which is left out of what is signed.
 */
export interface DocumentSignature {
  [key: string]: string;
  algorithm: 'Ed25519';
  /** sha256 (hex, first 16 characters) of the public key's DER (SPKI) form: which key to verify with. */
  key_id: string;
  /** Base64 signature over the canonical JSON of the document without `signature`. */
  value: string;
}

export type Signed<T extends JsonObject> = T & { signature: DocumentSignature };

/** A signing key pair loaded from configuration. */
export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The key pair of a PKCS#8 PEM Ed25519 private key. Throws a readable error for anything else. */
export function signingKeyFromPem(pem: string): AuditSigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`The audit signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** An Ed25519 public key from its SPKI PEM form (what `pnpm cli audit-public-key` prints). */
export function publicKeyFromPem(pem: string): KeyObject {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`An audit public key must be an Ed25519 key, not ${publicKey.asymmetricKeyType}`);
  }
  return publicKey;
}

function signedBytes(document: JsonObject): Buffer {
  const { signature: _ignored, ...unsigned } = document;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

export function signDocument<T extends JsonObject>(document: T, key: AuditSigningKey): Signed<T> {
  const value = sign(null, signedBytes(document), key.privateKey).toString('base64');
  return { ...document, signature: { algorithm: 'Ed25519', key_id: key.keyId, value } };
}

export type SignatureProblem = 'missing' | 'malformed' | 'other_key' | 'invalid';

/** Null when `document` carries a valid signature by `publicKey`; otherwise what is wrong with it. */
export function signatureProblem(document: unknown, publicKey: KeyObject): SignatureProblem | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'missing';
  const signature = (document as JsonObject)['signature'];
  if (signature === undefined || signature === null) return 'missing';
  if (typeof signature !== 'object' || Array.isArray(signature)) return 'malformed';
  const { algorithm, key_id: keyId, value } = signature as Record<string, unknown>;
  if (algorithm !== 'Ed25519' || typeof keyId !== 'string' || typeof value !== 'string') return 'malformed';
  if (keyId !== keyIdOf(publicKey)) return 'other_key';
  try {
    return verify(null, signedBytes(document as JsonObject), publicKey, Buffer.from(value, 'base64'))
      ? null
      : 'invalid';
  } catch {
    return 'malformed';
  }
}

export const SIGNATURE_PROBLEM_TEXT: Record<SignatureProblem, string> = {
  missing: 'it carries no signature',
  malformed: 'its signature is malformed',
  other_key: 'it was signed with another key',
  invalid: 'its signature does not match its content: it was edited after signing',
};
