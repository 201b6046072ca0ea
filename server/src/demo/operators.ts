import type { OperatorRole } from '../domain/operators/index.js';
import type { Operator } from '../generated/prisma/client.js';
import type { RequestOrigin, ServiceContext } from '../services/context.js';
import { createOperator } from '../services/operators.js';

export interface DemoLogin {
  role: OperatorRole;
  username: string;
  password: string;
}

/** One demo operator per role. They exist only in the embedded demo database, never on a real server. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'VIEWER', username: 'viewer', password: 'Glass-Harbor-2026!' },
  { role: 'REVIEWER', username: 'reviewer', password: 'Maple-Ledger-2026!' },
  { role: 'COMPLIANCE', username: 'compliance', password: 'Quiet-Audit-Trail-26' },
  { role: 'ADMIN', username: 'admin', password: 'Copper-Keystone-26!' },
];

/** Colleagues who share the work in the demo history, so the operator filter and charts have several names. */
export const DEMO_COLLEAGUES: readonly (DemoLogin & { displayName: string })[] = [
  {
    role: 'REVIEWER',
    username: 'maria.reviewer',
    displayName: 'Maria Okafor',
    password: 'Birch-Window-2024!',
  },
  {
    role: 'COMPLIANCE',
    username: 'sam.compliance',
    displayName: 'Sam Lindqvist',
    password: 'Harbor-Lantern-24!',
  },
  {
    role: 'VIEWER',
    username: 'jordan.analyst',
    displayName: 'Jordan Reyes',
    password: 'Cedar-Compass-2025!',
  },
];

/**
 * scrypt cost of the demo operators' password hashes. Their passwords are published (above, and printed at
 * start-up), so an expensive hash protects nothing, while the history logs in hundreds of times and each
 * verification at the server's cost (2^15) takes ~85 ms. Real operators keep the configured cost.
 */
export const DEMO_PASSWORD_SCRYPT_COST = 2 ** 10;

/** The demo operators by username, created with the cheap demo hash cost. */
export async function createDemoOperators(ctx: ServiceContext): Promise<void> {
  const demoCtx = { ...ctx, scryptCost: DEMO_PASSWORD_SCRYPT_COST };
  for (const login of DEMO_LOGINS) {
    await createOperator(demoCtx, {
      username: login.username,
      displayName: `Demo ${login.role.toLowerCase()}`,
      role: login.role,
      password: login.password,
      isDemo: true,
    });
  }
  for (const colleague of DEMO_COLLEAGUES) {
    await createOperator(demoCtx, { ...colleague, isDemo: true });
  }
}

/** A demo operator as the history uses it: who, their password, and where they usually work from. */
export interface DemoStaff {
  operator: Operator;
  password: string;
  desk: RequestOrigin;
}

const BROWSERS = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.2739.42',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:130.0) Gecko/20100101 Firefox/130.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
} as const;

/**
 * Addresses come from the documentation ranges of RFC 5737, so demo data never names a real host:
 * 198.51.100.0/24 is the office, 203.0.113.0/24 the VPN people use from home, 192.0.2.0/24 the outside.
 */
const DESKS: Record<string, RequestOrigin> = {
  viewer: { ipAddress: '198.51.100.23', userAgent: BROWSERS.chromeWindows },
  reviewer: { ipAddress: '198.51.100.41', userAgent: BROWSERS.edgeWindows },
  compliance: { ipAddress: '198.51.100.57', userAgent: BROWSERS.firefoxMac },
  admin: { ipAddress: '198.51.100.12', userAgent: BROWSERS.chromeLinux },
  'maria.reviewer': { ipAddress: '198.51.100.44', userAgent: BROWSERS.safariMac },
  'sam.compliance': { ipAddress: '198.51.100.58', userAgent: BROWSERS.chromeWindows },
  'jordan.analyst': { ipAddress: '198.51.100.31', userAgent: BROWSERS.firefoxMac },
};

/** The same operator on the VPN from home: a different address, the same browser. */
export function fromHome(desk: RequestOrigin, seat: number): RequestOrigin {
  return { ipAddress: `203.0.113.${20 + (seat % 30)}`, userAgent: desk.userAgent };
}

/** Someone outside trying passwords with a script. */
export const OUTSIDE_ORIGIN: RequestOrigin = { ipAddress: '192.0.2.66', userAgent: 'python-requests/2.32.3' };

/** The demo operators present in the database, with their passwords and desks. */
export async function loadDemoStaff(ctx: ServiceContext): Promise<Map<string, DemoStaff>> {
  const passwords = new Map([...DEMO_LOGINS, ...DEMO_COLLEAGUES].map((l) => [l.username, l.password]));
  const operators = await ctx.db.prisma.operator.findMany({
    where: { isDemo: true, username: { in: [...passwords.keys()] } },
    orderBy: { username: 'asc' },
  });
  return new Map(
    operators.map((operator) => [
      operator.username,
      {
        operator,
        password: passwords.get(operator.username)!,
        desk: DESKS[operator.username] ?? { ipAddress: '198.51.100.99', userAgent: BROWSERS.chromeWindows },
      },
    ]),
  );
}
