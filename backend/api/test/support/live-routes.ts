import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

/** One route of the running application, as Express registered it (`/api/…/:param`). */
export interface LiveRoute {
  method: string;
  path: string;
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}
interface ExpressInstance {
  router?: { stack: ExpressLayer[] };
  _router?: { stack: ExpressLayer[] };
}

/** Every route of the live Express router: a new controller route shows up here by itself. */
export function liveRoutes(t: TestApp): LiveRoute[] {
  const instance = t.app.getHttpAdapter().getInstance() as ExpressInstance;
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const routes: LiveRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path)
      ? layer.route.path
      : [layer.route.path];
    const methods = Object.entries(layer.route.methods)
      .filter(([method, on]) => on && method !== '_all')
      .map(([method]) => method.toUpperCase());
    // A route for every method at once is Express's `all()`, which Nest uses only to mount
    // middleware on the exact prefix path (the request logger on `/api`); no handler uses @All.
    if (methods.length > 1) continue;
    for (const path of paths)
      for (const method of methods) routes.push({ method, path });
  }
  return routes;
}

export const routeKey = (r: LiveRoute) => `${r.method} ${r.path}`;

/** Fills path parameters with harmless values: ids that do not exist, a valid import kind. */
export function samplePath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'kind') return 'sales';
    if (name === 'id')
      return path.startsWith('/api/imports') ? randomUUID() : '999999';
    return 'x';
  });
}
