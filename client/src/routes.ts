import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { ALL_ROLES, type Role } from './session/roles';

export interface ConsoleRoute {
  path: string;
  /** Shown in the navigation when set; detail routes (with parameters) have none. */
  navLabel?: string;
  /**
   * Roles that see the link. This only shapes the navigation: the server decides what each role may read and
   * answers FORBIDDEN (and audits it) otherwise, which the page shows as "Not allowed".
   */
  roles: readonly Role[];
  /** Loaded on first visit: each page is its own chunk, so the first screen loads only what it shows. */
  Page: LazyExoticComponent<ComponentType>;
}

const AUDIT_ROLES: readonly Role[] = ['COMPLIANCE', 'ADMIN'];

/** Every page of the console, at the paths shared links and bookmarks use. */
export const ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/customers',
    navLabel: 'Customers',
    roles: ALL_ROLES,
    Page: lazy(() => import('./pages/customers/customers-page')),
  },
  {
    path: '/customers/:id',
    roles: ALL_ROLES,
    Page: lazy(() => import('./pages/customer-profile/customer-profile-page')),
  },
  {
    path: '/review',
    navLabel: 'Review queue',
    roles: ['REVIEWER', 'COMPLIANCE', 'ADMIN'],
    Page: lazy(() => import('./pages/review/review-queue-page')),
  },
  {
    path: '/audit',
    navLabel: 'Audit log',
    roles: AUDIT_ROLES,
    Page: lazy(() => import('./pages/audit/audit-log-page')),
  },
  {
    path: '/dashboard',
    navLabel: 'Compliance dashboard',
    roles: AUDIT_ROLES,
    Page: lazy(() => import('./pages/dashboard/dashboard-page')),
  },
];

export const SIGN_IN_PATH = '/sign-in';
/** Where an operator lands after signing in when no page was asked for. */
export const START_PATH = '/customers';

export function navigationFor(role: Role): ConsoleRoute[] {
  return ROUTES.filter((route) => route.navLabel && route.roles.includes(role));
}
