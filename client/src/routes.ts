import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { type Role, rolesFor } from './session/roles';

export interface ConsoleRoute {
  path: string;
  /** Shown in the navigation when set; detail routes (with parameters) have none. */
  navLabel?: string;
  /**
   * Roles that see the link: those the server's authorization table lets read the page's main field. This only
   * shapes the navigation: the server decides what each role may read and answers FORBIDDEN (and audits it)
   * otherwise, which the page shows as "Not allowed".
   */
  roles: readonly Role[];
  /** Loaded on first visit: each page is its own chunk, so the first screen loads only what it shows. */
  Page: LazyExoticComponent<ComponentType>;
}

/** Every page of the console, at the paths shared links and bookmarks use. */
export const ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/customers',
    navLabel: 'Customers',
    roles: rolesFor('Query.users'),
    Page: lazy(() => import('./pages/customers/customers-page')),
  },
  {
    path: '/customers/:id',
    roles: rolesFor('Query.profile'),
    Page: lazy(() => import('./pages/customer-profile/customer-profile-page')),
  },
  {
    path: '/review',
    navLabel: 'Review queue',
    roles: rolesFor('Query.reviewQueue'),
    Page: lazy(() => import('./pages/review/review-queue-page')),
  },
  {
    path: '/audit',
    navLabel: 'Audit log',
    roles: rolesFor('Query.auditLog'),
    Page: lazy(() => import('./pages/audit/audit-log-page')),
  },
  {
    path: '/dashboard',
    navLabel: 'Compliance dashboard',
    roles: rolesFor('Query.complianceMetrics'),
    Page: lazy(() => import('./pages/dashboard/dashboard-page')),
  },
];

export const SIGN_IN_PATH = '/sign-in';
/** Where an operator lands after signing in when no page was asked for. */
export const START_PATH = '/customers';

export function navigationFor(role: Role): ConsoleRoute[] {
  return ROUTES.filter((route) => route.navLabel && route.roles.includes(role));
}
