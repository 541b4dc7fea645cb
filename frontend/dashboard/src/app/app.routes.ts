import type { Route } from '@angular/router';

/** Every page is its own lazy chunk; titles are translated by TranslatedTitleStrategy. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'overview' },
  {
    path: 'overview',
    title: 'nav.overview',
    loadComponent: () =>
      import('./features/overview/overview.page').then((m) => m.OverviewPage),
  },
  {
    path: 'forecasts',
    title: 'nav.forecasts',
    loadComponent: () =>
      import('./features/forecasts/forecasts.page').then(
        (m) => m.ForecastsPage,
      ),
  },
  {
    path: 'inventory',
    title: 'nav.inventory',
    loadComponent: () =>
      import('./features/inventory/inventory.page').then(
        (m) => m.InventoryPage,
      ),
  },
  {
    path: 'models',
    title: 'nav.models',
    loadComponent: () =>
      import('./features/models/models.page').then((m) => m.ModelsPage),
  },
  {
    path: 'data',
    title: 'nav.data',
    loadComponent: () =>
      import('./features/data/data.page').then((m) => m.DataPage),
  },
  {
    path: 'reports',
    title: 'nav.reports',
    loadComponent: () =>
      import('./features/reports/reports.page').then((m) => m.ReportsPage),
  },
  { path: '**', redirectTo: 'overview' },
];
