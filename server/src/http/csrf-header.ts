/**
 * The header a browser client adds to a request that is not JSON (a GET, say) to show it was sent by a page
 * of this origin: a page elsewhere can send it only after a CORS preflight, which the server refuses unless
 * the origin is allowed. The name is graphql-yoga's, which GraphQL clients already know. A module of its
 * own, without dependencies, so the console imports the same name (http/csrf.ts holds the rule).
 */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';
