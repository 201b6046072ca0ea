import { overridePersona } from '../services/override-persona.js';
import { builder } from './builder.js';
import { signedInOperator } from './context.js';
import { TimeWindowEnum } from './time-window.js';
import { UserNode } from './user.js';

const OverridePersonaInput = builder.inputType('OverridePersonaInput', {
  description: "An administrator's replacement of a customer's persona for one window.",
  fields: (t) => ({
    userId: t.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    window: t.field({ type: TimeWindowEnum, required: true, description: 'The window to override.' }),
    personaId: t.string({
      required: true,
      description: 'Id of a persona of the registry (see `personas`), e.g. savings_builder.',
    }),
    justification: t.string({
      required: true,
      description: 'Why the engine was wrong for this customer: not blank, at most 2000 characters.',
    }),
  }),
});

builder.mutationField('overridePersona', (t) =>
  t.prismaField({
    type: 'PersonaAssignment',
    description:
      "Replaces the customer's current persona for the window (administrators only). The override is a new assignment with source OVERRIDE that becomes current; earlier assignments stay in the history. It keeps the evidence of the assignment it replaces and is logged as persona_overridden with the old and new persona.",
    args: { input: t.arg({ type: OverridePersonaInput, required: true, description: 'The override.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const assignment = await overridePersona(
        ctx.services,
        {
          userId: input.userId.id,
          window: input.window,
          personaId: input.personaId,
          justification: input.justification,
          operatorId: signedInOperator(ctx).id,
        },
        ctx.origin,
      );
      return ctx.services.db.prisma.personaAssignment.findUniqueOrThrow({
        ...query,
        where: { id: assignment.id },
      });
    },
  }),
);
