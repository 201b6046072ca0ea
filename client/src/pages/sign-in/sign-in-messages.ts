import { errorCodeOf, errorExtensionOf } from '../../relay/errors';
import type { SessionEndReason } from '../../session/session-events';

/** "3 minutes", "45 seconds": a wait the operator can act on. */
export function formatWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
  }
  const whole = Math.max(1, Math.ceil(seconds));
  return whole === 1 ? '1 second' : `${whole} seconds`;
}

/** What a failed sign-in means for the operator, by the server's error code. */
export function signInErrorMessage(error: Error): string {
  const retryAfter = Number(errorExtensionOf(error, 'retryAfterSeconds'));
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? formatWait(retryAfter) : null;
  switch (errorCodeOf(error)) {
    case 'UNAUTHENTICATED':
      return 'Wrong username or password.';
    case 'ACCOUNT_LOCKED':
      return wait
        ? `This username is locked after too many failed attempts. Try again in ${wait}.`
        : 'This username is locked after too many failed attempts. Try again later.';
    case 'RATE_LIMITED':
      return wait
        ? `Too many sign-in attempts. Wait ${wait} before trying again.`
        : 'Too many sign-in attempts. Wait a minute before trying again.';
    case 'BAD_USER_INPUT':
      return error.message;
    default:
      return `Signing in failed: ${error.message}`;
  }
}

export function sessionEndMessage(reason: SessionEndReason | null): string | null {
  if (reason === 'expired') return 'Your session has expired. Sign in again to continue.';
  if (reason === 'signed-out') return 'You have signed out.';
  return null;
}
