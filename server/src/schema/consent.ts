import type { ConsentChannel } from '../domain/audit/index.js';
import { setConsent } from '../services/consent.js';
import { builder } from './builder.js';
import { signedInOperator } from './context.js';
import { UserNode } from './user.js';

export const ConsentStatusEnum = builder.enumType('ConsentStatus', {
  description: "A customer's answer to data processing. Customers who never answered count as OPTED_OUT.",
  values: {
    OPTED_IN: { description: 'The customer agreed: personas and recommendations may be computed.' },
    OPTED_OUT: { description: 'The customer refused or withdrew: processing stops (CONSENT_REQUIRED).' },
  },
});

export const ConsentChannelEnum = builder.enumType('ConsentChannel', {
  description: 'How a consent change reached SpendSense.',
  values: {
    WEB: { value: 'web', description: 'The customer used the SpendSense web app.' },
    API: { value: 'api', description: 'A partner integration sent it through the API.' },
    OPERATOR: {
      value: 'operator_action',
      description: "An operator recorded it on the customer's behalf (e.g. by phone).",
    },
    SYSTEM: {
      value: 'system',
      description: 'Seeded or migrated data. Cannot be chosen in setConsent.',
    },
  } satisfies Record<string, { value: ConsentChannel; description: string }>,
});

const CHANNELS: readonly ConsentChannel[] = ['web', 'api', 'operator_action', 'system'];

/** Older rows spelled the operator channel `operator`; everything unknown is shown as SYSTEM. */
function channelOf(stored: string): ConsentChannel {
  if (stored === 'operator') return 'operator_action';
  return CHANNELS.includes(stored as ConsentChannel) ? (stored as ConsentChannel) : 'system';
}

export const ConsentRecordNode = builder.prismaNode('ConsentRecord', {
  description: 'One consent change of a customer. The newest one is their current consent status.',
  id: { field: 'id' },
  // node(id) of a missing row answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    user: t.relation('user', { description: 'The customer.' }),
    status: t.expose('status', { type: ConsentStatusEnum, description: 'The status from this change on.' }),
    previousStatus: t.expose('previousStatus', {
      type: ConsentStatusEnum,
      nullable: true,
      description: 'The status before; null for the first answer.',
    }),
    consentVersion: t.exposeString('consentVersion', {
      description: 'Version of the consent text agreed to or withdrawn, e.g. 1.0.',
    }),
    channel: t.field({
      type: ConsentChannelEnum,
      description: 'How the change arrived.',
      resolve: (record) => channelOf(record.channel),
    }),
    changedBy: t.prismaField({
      type: 'Operator',
      nullable: true,
      description: 'The operator who recorded the change; null when the customer made it themselves.',
      resolve: (query, record, _args, ctx) =>
        record.changedByOperatorId
          ? ctx.services.db.prisma.operator.findUnique({
              ...query,
              where: { id: record.changedByOperatorId },
            })
          : null,
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, when a reason was given.' }),
    changedAt: t.expose('changedAt', { type: 'DateTime', description: 'When the change took effect.' }),
  }),
});

builder.prismaObjectFields(UserNode, (t) => ({
  consentStatus: t.expose('consentStatus', {
    type: ConsentStatusEnum,
    description: 'Current consent to data processing.',
  }),
  consentUpdatedAt: t.expose('consentUpdatedAt', {
    type: 'DateTime',
    nullable: true,
    description: 'When the current consent status was recorded; null if the customer never answered.',
  }),
  consentHistory: t.relatedConnection(
    'consents',
    {
      cursor: 'id',
      description: 'Every consent change, newest first.',
      query: () => ({ orderBy: [{ changedAt: 'desc' }, { id: 'desc' }] }),
      totalCount: true,
    },
    { name: 'ConsentRecordConnection', description: 'A page of consent changes.' },
    { name: 'ConsentRecordEdge' },
  ),
}));

const SetConsentInput = builder.inputType('SetConsentInput', {
  description: "A consent change recorded by an operator on the customer's behalf.",
  fields: (t) => ({
    userId: t.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    status: t.field({ type: ConsentStatusEnum, required: true, description: 'The new status.' }),
    consentVersion: t.string({
      required: false,
      description: 'Version of the consent text, like 1.0; defaults to the current version.',
    }),
    channel: t.field({
      type: ConsentChannelEnum,
      required: false,
      defaultValue: 'operator_action',
      description: 'How the customer gave or withdrew consent; defaults to OPERATOR. SYSTEM is not accepted.',
    }),
    reason: t.string({ required: false, description: 'Why, at most 1000 characters.' }),
  }),
});

const SetConsentPayload = builder
  .objectRef<{ userId: string; recordId: string; changed: boolean }>('SetConsentPayload')
  .implement({
    description: 'The outcome of setConsent.',
    fields: (t) => ({
      changed: t.exposeBoolean('changed', {
        description:
          'False when the customer already had this status and consent version: nothing was recorded or logged.',
      }),
      user: t.prismaField({
        type: 'User',
        description: 'The customer, with their updated consent status.',
        resolve: (query, payload, _args, ctx) =>
          ctx.services.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
      }),
      record: t.prismaField({
        type: 'ConsentRecord',
        description: 'The consent record now in force (the new one, or the existing one when unchanged).',
        resolve: (query, payload, _args, ctx) =>
          ctx.services.db.prisma.consentRecord.findUniqueOrThrow({
            ...query,
            where: { id: payload.recordId },
          }),
      }),
    }),
  });

builder.mutationField('setConsent', (t) =>
  t.field({
    type: SetConsentPayload,
    description:
      "Records a customer's consent change (opt in or out) with its consent_changed audit entry. Reviewers and administrators record consent on a customer's behalf; the caller is stored as the operator who made the change.",
    args: { input: t.arg({ type: SetConsentInput, required: true, description: 'The consent change.' }) },
    resolve: async (_root, { input }, ctx) => {
      const operator = signedInOperator(ctx);
      const channel = input.channel ?? 'operator_action';
      const { record, changed } = await setConsent(
        ctx.services,
        {
          userId: input.userId.id,
          status: input.status,
          consentVersion: input.consentVersion ?? undefined,
          channel,
          operatorId: operator.id,
          reason: input.reason ?? null,
        },
        ctx.origin,
      );
      // An unchanged call returns the record already in force, so there always is one.
      if (!record) throw new Error('setConsent returned no consent record');
      return { userId: input.userId.id, recordId: record.id, changed };
    },
  }),
);
