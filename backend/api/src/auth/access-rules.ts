import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Role } from '@shelfcast/contracts';
import { API_PREFIX } from '../common/api-prefix';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../common/identity/decorators';

/** One route and who may call it: 'public', a role list, or null (no rule: refused). */
export interface RouteRule {
  method: string;
  /** Express-style path with the global prefix, e.g. `/api/imports/:kind`. */
  path: string;
  handler: string;
  rule: 'public' | readonly Role[] | null;
}

/**
 * The access-rules table, read from the `@Public` / `@Roles` metadata of every controller. The
 * authorization-matrix test compares it with the live router and calls every route as every role.
 */
@Injectable()
export class AccessRules {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  list(): RouteRule[] {
    const rules: RouteRule[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype;
      if (!controller || typeof controller !== 'function') continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const base = asArray(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const paths = asArray(Reflect.getMetadata(PATH_METADATA, handler));
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (paths.length === 0 || typeof method !== 'number') continue;
        const targets = [handler, controller];
        const rule: RouteRule['rule'] =
          this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)
            ? 'public'
            : (this.reflector.getAllAndOverride<Role[] | undefined>(
                ROLES_KEY,
                targets,
              ) ?? null);
        for (const b of base.length ? base : ['']) {
          for (const p of paths) {
            rules.push({
              method: RequestMethod[method],
              path: joinPath(API_PREFIX, b, p),
              handler: `${controller.name}.${name}`,
              rule,
            });
          }
        }
      }
    }
    return rules;
  }
}

function asArray(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
