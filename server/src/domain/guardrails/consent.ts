import type { ConsentCheck, ConsentStatus } from './types.js';

/** Nothing is generated for a customer who has not opted in: the first gate, so no later check sees their data. */
export function checkConsent(status: ConsentStatus): ConsentCheck {
  const pass = status === 'opted_in';
  return {
    check: 'consent',
    pass,
    consent_status: status,
    failure_reason: pass ? null : status === 'opted_out' ? 'consent_opted_out' : 'consent_not_recorded',
  };
}
