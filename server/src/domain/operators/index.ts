export { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS, lockedUntil, type RecentAttempt } from './lockout.js';
export { checkPasswordPolicy, MIN_PASSWORD_LENGTH, type PasswordProblem } from './password-policy.js';
export { type Capability, can, capabilitiesOf, OPERATOR_ROLES, type OperatorRole } from './roles.js';
