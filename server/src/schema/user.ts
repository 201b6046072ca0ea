import { computeSignals } from '../domain/signals/index.js';
import { badInput } from '../errors.js';
import { NEWEST_ASSIGNMENT_FIRST } from '../services/current-persona.js';
import { loadCustomerLedger } from '../services/ledger.js';
import { builder } from './builder.js';
import { PersonaAssignmentNode } from './persona-assignment.js';
import { SignalSnapshotRef } from './signal-snapshot.js';
import { TimeWindowEnum } from './time-window.js';

const AccountRef = builder.prismaObject('Account', {
  description: 'A Plaid-style account. Only the last four digits of its number are ever stored.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'depository, credit or loan.' }),
    subtype: t.exposeString('subtype', {
      description: 'checking, savings, money market, hsa, credit card, …',
    }),
    name: t.exposeString('name', { description: 'Account name, e.g. Plaid Checking.' }),
    mask: t.exposeString('mask', { description: 'Last four digits.' }),
    isoCurrencyCode: t.exposeString('isoCurrencyCode', {
      description: 'Currency of the balances, e.g. USD.',
    }),
    balanceCurrent: t.float({ description: 'Current balance.', resolve: (a) => a.balanceCurrent.toNumber() }),
    creditLimit: t.float({
      nullable: true,
      description: 'Credit limit (credit cards).',
      resolve: (a) => a.creditLimit?.toNumber() ?? null,
    }),
  }),
});

export const UserNode = builder.prismaNode('User', {
  description: 'A SpendSense customer.',
  id: { field: 'id' },
  // node(id) of a missing row answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    customerId: t.exposeString('id', {
      description: 'The customer id used across SpendSense, e.g. usr_000042.',
    }),
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'Email address.' }),
    dateOfBirth: t.expose('dateOfBirth', { type: 'Date', description: 'Date of birth.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the customer joined.' }),
    accounts: t.relation('accounts', { description: 'Accounts, credit cards and loans.', type: AccountRef }),
    currentPersona: t.field({
      type: PersonaAssignmentNode,
      nullable: true,
      description: 'The newest persona assignment for the window; null when none was made yet.',
      args: { window: t.arg({ type: TimeWindowEnum, required: true, description: 'The window.' }) },
      select: (args, _ctx, nestedSelection) => ({
        assignments: nestedSelection({
          where: { window: args.window },
          orderBy: [...NEWEST_ASSIGNMENT_FIRST],
          take: 1,
        }),
      }),
      resolve: (user) => user.assignments[0] ?? null,
    }),
    personaHistory: t.relatedConnection(
      'assignments',
      {
        cursor: 'id',
        description: 'Every persona assignment, newest first.',
        args: { window: t.arg({ type: TimeWindowEnum, required: false, description: 'Only this window.' }) },
        query: (args) => ({
          where: args.window ? { window: args.window } : {},
          orderBy: [...NEWEST_ASSIGNMENT_FIRST],
        }),
        totalCount: true,
      },
      { name: 'PersonaAssignmentConnection' },
      { name: 'PersonaAssignmentEdge' },
    ),
    signals: t.field({
      type: SignalSnapshotRef,
      description: "Behavioural signals computed now from the customer's transactions.",
      args: {
        window: t.arg({ type: TimeWindowEnum, required: true, description: 'The window to compute.' }),
        referenceDate: t.arg({
          type: 'Date',
          required: false,
          description: 'Last day of the window; default today.',
        }),
      },
      resolve: async (user, args, ctx) => {
        const referenceDate = (args.referenceDate ?? ctx.services.now()).toISOString().slice(0, 10);
        const ledger = await loadCustomerLedger(ctx.services.db.prisma, user.id, referenceDate);
        if (!ledger) throw badInput('Customer has no data');
        return computeSignals(ledger, args.window, referenceDate);
      },
    }),
  }),
});

builder.queryField('user', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'A customer by global ID; null when there is none.',
    args: {
      id: t.arg.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.services.db.prisma.user.findUnique({ ...query, where: { id: args.id.id } }),
  }),
);

builder.queryField('users', (t) =>
  t.prismaConnection(
    {
      type: 'User',
      cursor: 'id',
      description: 'Customers, ordered by customer id.',
      args: {
        search: t.arg.string({
          required: false,
          description: 'Matches the name or customer id (case-insensitive).',
        }),
      },
      totalCount: (_root, args, ctx) => ctx.services.db.prisma.user.count({ where: userSearch(args.search) }),
      resolve: (query, _root, args, ctx) =>
        ctx.services.db.prisma.user.findMany({
          ...query,
          where: userSearch(args.search),
          orderBy: { id: 'asc' },
        }),
    },
    { name: 'UserConnection' },
    { name: 'UserEdge' },
  ),
);

function userSearch(search: string | null | undefined) {
  const term = search?.trim();
  if (!term) return {};
  return {
    OR: [
      { name: { contains: term, mode: 'insensitive' as const } },
      { id: { contains: term, mode: 'insensitive' as const } },
    ],
  };
}
