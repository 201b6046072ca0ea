import { type GraphQLSchema, isObjectType } from 'graphql';
import { builder } from './builder.js';
import './operator.js';
import './user.js';
import './persona.js';
import './persona-assignment.js';
import './profile.js';
import './compliance-metrics.js';
import './consent.js';
import './recommendation.js';
import './review-queue.js';
import './persona-override.js';
import './audit-event-details.js';
import './audit-entry.js';
import './audit-log.js';
import './audit-integrity.js';
import './audit-subscription.js';
import './retention.js';

/** The executable schema. Printing it to schema.graphql is a separate script, never an import side effect. */
export const schema = describeTotalCounts(builder.toSchema({ sortSchema: true }));

/**
 * Pothos' Prisma plugin adds `totalCount` to a connection (`totalCount: true`) with no way to describe it;
 * every other field is described where it is defined.
 */
function describeTotalCounts(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description)
      totalCount.description = 'Items in the whole list, not just this page.';
  }
  return built;
}
