import { builder } from './builder.js';
import './operator.js';
import './user.js';
import './persona.js';
import './persona-assignment.js';
import './profile.js';

/** The executable schema. Printing it to schema.graphql is a separate script, never an import side effect. */
export const schema = builder.toSchema({ sortSchema: true });
