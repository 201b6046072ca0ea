import type { OPERATOR_ROLES } from '../domain/operators/index.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { login, logout } from '../services/operators.js';
import { builder } from './builder.js';

export const OperatorRoleEnum = builder.enumType('OperatorRole', {
  description: 'What an operator may do. Audit data is readable by COMPLIANCE and ADMIN only.',
  values: {
    VIEWER: { description: 'Reads customers, signals and persona decisions.' },
    REVIEWER: { description: 'A viewer who may also run the persona engine and review recommendations.' },
    COMPLIANCE: { description: 'A viewer who may also read the audit log, metrics and exports.' },
    ADMIN: { description: 'Everything, including persona overrides.' },
  } satisfies Record<(typeof OPERATOR_ROLES)[number], { description: string }>,
});

export const OperatorNode = builder.prismaNode('Operator', {
  description: 'A person who uses the console or the API.',
  id: { field: 'id' },
  // node(id) of a missing row answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    username: t.exposeString('username', { description: 'Unique login name.' }),
    displayName: t.exposeString('displayName', { description: 'Name shown in the console and audit log.' }),
    role: t.expose('role', { type: OperatorRoleEnum, description: 'What this operator may do.' }),
  }),
});

const LoginPayload = builder
  .objectRef<{ token: string; expiresAt: Date; operatorId: string }>('LoginPayload')
  .implement({
    description:
      'A new session. The token is also set as an httpOnly cookie; API clients send it as `Authorization: Bearer <token>`.',
    fields: (t) => ({
      token: t.exposeString('token', {
        description: 'Opaque session token. Shown once; only its hash is stored.',
      }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the session ends.' }),
      operator: t.prismaField({
        type: 'Operator',
        description: 'The operator who logged in.',
        resolve: (query, payload, _args, ctx) =>
          ctx.services.db.prisma.operator.findUniqueOrThrow({ ...query, where: { id: payload.operatorId } }),
      }),
    }),
  });

const LoginInput = builder.inputType('LoginInput', {
  description: "An operator's credentials.",
  fields: (t) => ({
    username: t.string({ required: true, description: 'Login name (case-insensitive).' }),
    password: t.string({ required: true, description: 'Password.' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: 'Operator',
    nullable: true,
    description: 'The operator making this request, or null when not logged in. Needs no login.',
    resolve: (query, _root, _args, ctx) =>
      ctx.operator
        ? ctx.services.db.prisma.operator.findUnique({ ...query, where: { id: ctx.operator.id } })
        : null,
  }),
);

builder.queryField('operators', (t) =>
  t.prismaField({
    type: ['Operator'],
    description:
      'Every operator, by username: the people who can appear in the audit log, to filter it by operator. Admin and compliance only.',
    resolve: (query, _root, _args, ctx) =>
      ctx.services.db.prisma.operator.findMany({ ...query, orderBy: { username: 'asc' } }),
  }),
);

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    description:
      'Opens a session. Five failed attempts within 15 minutes lock the username (ACCOUNT_LOCKED, with retryAfterSeconds).',
    args: { input: t.arg({ type: LoginInput, required: true, description: 'Username and password.' }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await login(ctx.services, input, ctx.origin);
      // The rest of this request is made by the operator who just logged in (the payload reads their record).
      ctx.operator = result.operator;
      ctx.sessionToken = result.token;
      await ctx.request.cookieStore?.set({
        name: SESSION_COOKIE,
        value: result.token,
        expires: result.expiresAt.getTime(),
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        path: '/',
        domain: null,
      });
      return { token: result.token, expiresAt: result.expiresAt, operatorId: result.operator.id };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session. True when a session was revoked.',
    resolve: async (_root, _args, ctx) => {
      const revoked = ctx.sessionToken ? await logout(ctx.services, ctx.sessionToken, ctx.origin) : false;
      await ctx.request.cookieStore?.delete(SESSION_COOKIE);
      return revoked;
    },
  }),
);
