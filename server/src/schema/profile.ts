import type { SignalWindow } from '../domain/signals/types.js';
import { notFound } from '../errors.js';
import type { PersonaAssignment, User } from '../generated/prisma/client.js';
import { findCurrentAssignment } from '../services/current-persona.js';
import { builder } from './builder.js';
import { AssignmentStatusEnum, PersonaAssignmentNode } from './persona-assignment.js';
import { TimeWindowEnum } from './time-window.js';
import { UserNode } from './user.js';

interface ProfileWindowShape {
  window: SignalWindow;
  assignment: PersonaAssignment | null;
}

const ProfileWindowRef = builder.objectRef<ProfileWindowShape>('ProfileWindow').implement({
  description:
    'The current persona of a customer for one window, or an unclassified entry saying why there is none.',
  fields: (t) => ({
    window: t.field({ type: TimeWindowEnum, description: 'The window.', resolve: (w) => w.window }),
    assignedPersonaId: t.string({
      description: 'The assigned persona id, or "unclassified".',
      resolve: (w) => w.assignment?.personaId ?? 'unclassified',
    }),
    status: t.field({
      type: AssignmentStatusEnum,
      description: 'Assigned, or unclassified when no persona qualified or none was assigned yet.',
      resolve: (w) => w.assignment?.status ?? 'UNCLASSIFIED',
    }),
    prioritizationReason: t.string({
      description: 'Why this persona was chosen, or why there is none.',
      resolve: (w) => w.assignment?.prioritizationReason ?? 'No assignment found for this time window',
    }),
    assignment: t.field({
      type: PersonaAssignmentNode,
      nullable: true,
      description: 'The assignment with its full decision trace; null when none was made yet.',
      resolve: (w) => w.assignment,
    }),
  }),
});

const PersonaProfileRef = builder
  .objectRef<{ user: User; d30: ProfileWindowShape; d180: ProfileWindowShape }>('PersonaProfile')
  .implement({
    description:
      'Current persona assignments of a customer for both windows, each with its full decision trace.',
    fields: (t) => ({
      user: t.field({ type: UserNode, description: 'The customer.', resolve: (p) => p.user }),
      d30: t.field({ type: ProfileWindowRef, description: 'The 30-day window.', resolve: (p) => p.d30 }),
      d180: t.field({ type: ProfileWindowRef, description: 'The 180-day window.', resolve: (p) => p.d180 }),
      windows: t.field({
        type: [ProfileWindowRef],
        description: 'Both windows, 30-day first.',
        resolve: (p) => [p.d30, p.d180],
      }),
    }),
  });

builder.queryField('profile', (t) =>
  t.field({
    type: PersonaProfileRef,
    description: 'The persona profile of a customer. An unknown customer is a NOT_FOUND error.',
    args: {
      userId: t.arg.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const prisma = ctx.services.db.prisma;
      const user = await prisma.user.findUnique({ where: { id: args.userId.id } });
      if (!user) throw notFound('Customer', args.userId.id);
      const latest = (window: SignalWindow) => findCurrentAssignment(prisma, user.id, window);
      const [d30, d180] = await Promise.all([latest('D30'), latest('D180')]);
      return {
        user,
        d30: { window: 'D30' as const, assignment: d30 },
        d180: { window: 'D180' as const, assignment: d180 },
      };
    },
  }),
);
