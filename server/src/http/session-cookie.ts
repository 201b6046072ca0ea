/** Name of the httpOnly cookie that carries the console's session token. */
export const SESSION_COOKIE = 'ss_session';
