import { createHash, randomBytes } from 'node:crypto';
import { auditTimestamp } from '../domain/audit/index.js';
import { checkPasswordPolicy, lockedUntil, type OperatorRole } from '../domain/operators/index.js';
import { badInput, DomainError } from '../errors.js';
import type { Operator } from '../generated/prisma/client.js';
import { runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface CreateOperatorInput {
  username: string;
  displayName: string;
  role: OperatorRole;
  password: string;
  isDemo?: boolean;
}

export async function createOperator(ctx: ServiceContext, input: CreateOperatorInput): Promise<Operator> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw badInput('Username must be 3-64 characters: lower-case letters, digits, ".", "_" or "-"', {
      field: 'username',
    });
  }
  const problems = checkPasswordPolicy(input.password, username);
  if (problems.length > 0) {
    throw badInput(`Password ${problems.map((p) => p.message).join('; ')}`, {
      field: 'password',
      problems: problems.map((p) => p.code),
    });
  }
  const passwordHash = await hashPassword(input.password, ctx.scryptCost);
  const existing = await ctx.db.prisma.operator.findUnique({ where: { username } });
  if (existing)
    throw new DomainError('CONFLICT', `Operator "${username}" already exists`, { field: 'username' });
  return ctx.db.prisma.operator.create({
    data: {
      username,
      displayName: input.displayName.trim() || username,
      role: input.role,
      passwordHash,
      isDemo: input.isDemo ?? false,
    },
  });
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  operator: Operator;
}

// Verifying against a real-looking hash when the username is unknown keeps response times alike,
// so timing does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password, enforcing the lockout policy, and opens a session.
 * Every attempt is recorded, including failures, before the outcome is returned or thrown.
 */
export async function login(
  ctx: ServiceContext,
  input: { username: string; password: string },
  origin: RequestOrigin,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const now = ctx.now();
  const recent = await ctx.db.prisma.loginAttempt.findMany({
    where: { username, at: { gte: new Date(now.getTime() - 15 * 60_000) } },
    orderBy: { at: 'desc' },
    take: 10,
    select: { succeeded: true, at: true },
  });
  const locked = lockedUntil(recent, now);
  const operator = await ctx.db.prisma.operator.findUnique({ where: { username } });

  let failure: string | null = null;
  if (locked) {
    failure = 'locked';
  } else if (!operator) {
    decoyHash ??= hashPassword('decoy-password-never-used', ctx.scryptCost);
    await verifyPassword(input.password, await decoyHash);
    failure = 'unknown_username';
  } else if (!(await verifyPassword(input.password, operator.passwordHash))) {
    failure = 'wrong_password';
  } else if (operator.disabledAt) {
    failure = 'disabled';
  }

  if (failure) {
    await runAudited(ctx, async (tx, audit) => {
      await tx.loginAttempt.create({
        data: { username, succeeded: false, reason: failure, ipAddress: origin.ipAddress, at: now },
      });
      await audit.record({
        eventType: 'login_attempt',
        operatorId: operator?.id ?? null,
        origin,
        occurredAt: now,
        eventData: { status: 'failure', username, failure_reason: failure },
      });
    });
    if (locked) {
      const retryAfterSeconds = Math.ceil((locked.getTime() - now.getTime()) / 1000);
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `Too many failed logins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { retryAfterSeconds },
      );
    }
    throw new DomainError('UNAUTHENTICATED', 'Invalid username or password');
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.sessionTtlHours * 3_600_000);
  await runAudited(ctx, async (tx, audit) => {
    await tx.loginAttempt.create({
      data: { username, succeeded: true, ipAddress: origin.ipAddress, at: now },
    });
    await tx.operatorSession.create({
      data: {
        operatorId: operator!.id,
        tokenHash: hashSessionToken(token),
        createdAt: now,
        expiresAt,
        ipAddress: origin.ipAddress,
        userAgent: origin.userAgent,
      },
    });
    await audit.record({
      eventType: 'login_attempt',
      operatorId: operator!.id,
      origin,
      occurredAt: now,
      eventData: { status: 'success', username, failure_reason: null },
    });
  });
  return { token, expiresAt, operator: operator! };
}

/** The operator behind a session token, or null when the token is unknown, expired or revoked. */
export async function authenticateSession(ctx: ServiceContext, token: string): Promise<Operator | null> {
  return (await sessionOf(ctx, token)).operator;
}

/** Why a sent session token does not authenticate: it ran out (`expired`), or anything else. */
export type SessionProblem = 'expired' | 'invalid';

/** The operator of a session token, or why there is none, so an expired session can be told apart. */
export async function sessionOf(
  ctx: ServiceContext,
  token: string,
): Promise<{ operator: Operator | null; problem: SessionProblem | null }> {
  // Every request runs this: one statement on the SQL executor, where Prisma's findUnique with the operator
  // included sent two and cost three times the CPU (issue #9's page benchmark).
  const { rows } = await ctx.db.sql.query<SessionRow>(
    `SELECT s.expires_at, s.revoked_at, o.id, o.username, o.display_name, o.role, o.password_hash, o.is_demo,
       o.disabled_at, o.created_at
     FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
     WHERE s.token_hash = $1`,
    [hashSessionToken(token)],
  );
  const session = rows[0];
  if (!session || session.revoked_at || session.disabled_at) return { operator: null, problem: 'invalid' };
  if (session.expires_at <= ctx.now()) return { operator: null, problem: 'expired' };
  // Field by field, so a column added to Operator fails to compile here instead of going missing.
  const operator: Operator = {
    id: session.id,
    username: session.username,
    displayName: session.display_name,
    role: session.role,
    passwordHash: session.password_hash,
    isDemo: session.is_demo,
    disabledAt: session.disabled_at,
    createdAt: session.created_at,
  };
  return { operator, problem: null };
}

/** A session joined with its operator, as sessionOf reads it. */
interface SessionRow {
  expires_at: Date;
  revoked_at: Date | null;
  id: string;
  username: string;
  display_name: string;
  role: OperatorRole;
  password_hash: string;
  is_demo: boolean;
  disabled_at: Date | null;
  created_at: Date;
}

/**
 * Revokes a session and records the logout with the operator and where the request came from. Revoking an
 * unknown or already revoked token is not an error and records nothing.
 */
export async function logout(
  ctx: ServiceContext,
  token: string,
  origin: RequestOrigin | null = null,
): Promise<boolean> {
  let ended: string | null = null;
  const revoked = await runAudited(ctx, async (tx, audit) => {
    const now = ctx.now();
    const session = await tx.operatorSession.findUnique({
      where: { tokenHash: hashSessionToken(token) },
      select: { id: true, createdAt: true, operator: { select: { id: true, username: true } } },
    });
    if (!session) return false;
    const { count } = await tx.operatorSession.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) return false;
    await audit.record({
      eventType: 'logout',
      operatorId: session.operator.id,
      origin,
      occurredAt: now,
      eventData: {
        username: session.operator.username,
        session_started_at: auditTimestamp(session.createdAt),
      },
    });
    ended = session.id;
    return true;
  });
  // After the commit, so no instance ends a stream for a logout that did not happen.
  if (ended !== null) ctx.pubsub.publish('session:ended', { sessionId: ended });
  return revoked;
}
