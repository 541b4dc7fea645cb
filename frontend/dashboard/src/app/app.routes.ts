import type { Route } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';
import { adminGuard } from './features/admin/admin.guard';

/**
 * Every page is its own lazy chunk; titles are translated by TranslatedTitleStrategy. Pages need a
 * session (authGuard) except /login.
 */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'overview' },
  {
    path: 'login',
    title: 'login.title',
    loadComponent: () =>
      import('./features/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'overview',
    title: 'nav.overview',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/overview/overview.page').then((m) => m.OverviewPage),
  },
  {
    path: 'forecasts',
    title: 'nav.forecasts',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/forecasts/forecasts.page').then(
        (m) => m.ForecastsPage,
      ),
  },
  {
    path: 'inventory',
    title: 'nav.inventory',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/inventory/inventory.page').then(
        (m) => m.InventoryPage,
      ),
  },
  {
    path: 'affinity',
    title: 'nav.affinity',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/affinity/affinity.page').then((m) => m.AffinityPage),
  },
  {
    path: 'models',
    title: 'nav.models',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/models/models.page').then((m) => m.ModelsPage),
  },
  {
    path: 'accuracy',
    title: 'nav.accuracy',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/accuracy/accuracy.page').then((m) => m.AccuracyPage),
  },
  {
    path: 'policy-proof',
    title: 'nav.policyProof',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/policy-proof/policy-proof.page').then(
        (m) => m.PolicyProofPage,
      ),
  },
  {
    path: 'data',
    title: 'nav.data',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/data/data.page').then((m) => m.DataPage),
  },
  {
    path: 'reports',
    title: 'nav.reports',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/reports/reports.page').then((m) => m.ReportsPage),
  },
  {
    path: 'products/:sku',
    title: 'affinity.product.title',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/affinity/product-affinity.page').then(
        (m) => m.ProductAffinityPage,
      ),
  },
  {
    path: 'stores/:code/gaps',
    title: 'affinity.gaps.title',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/affinity/store-gaps.page').then(
        (m) => m.StoreGapsPage,
      ),
  },
  {
    path: 'admin/users',
    title: 'nav.adminUsers',
    canActivate: [authGuard, adminGuard],
    loadComponent: () =>
      import('./features/admin/users/users.page').then((m) => m.UsersPage),
  },
  {
    path: 'admin/audit',
    title: 'nav.adminAudit',
    canActivate: [authGuard, adminGuard],
    loadComponent: () =>
      import('./features/admin/audit/audit.page').then((m) => m.AuditPage),
  },
  { path: '**', redirectTo: 'overview' },
];
