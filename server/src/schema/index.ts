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

/** The executable schema. Printing it to schema.graphql is a separate script, never an import side effect. */
export const schema = builder.toSchema({ sortSchema: true });
