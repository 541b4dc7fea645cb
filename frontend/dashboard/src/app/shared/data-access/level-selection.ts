import { computed, inject, signal } from '@angular/core';
import {
  HIERARCHY_LEVELS,
  type HierarchyLevel,
  type LevelNode,
  type Role,
} from '@shelfcast/contracts';
import type { DatedValue } from '@shelfcast/charts';
import { AuthService } from '../../core/auth/auth.service';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { I18n } from '../../core/i18n/i18n';
import { ForecastLevelsService } from './forecast-levels.service';

/**
 * The levels a role may open: store managers only the store level (of their own stores: the API
 * filters the nodes and refuses the rest); everyone else every level.
 */
export function levelsOffered(role: Role | null): readonly HierarchyLevel[] {
  return role === 'store_manager' ? ['store'] : HIERARCHY_LEVELS;
}

export function levelKey(level: HierarchyLevel): TranslationKey {
  return `levels.level.${level}` as const;
}

/** "Boston (S001)", or the bare key when the label adds nothing. */
export function nodeLabel(n: Pick<LevelNode, 'key' | 'label'>): string {
  return n.label && n.label !== n.key ? `${n.label} (${n.key})` : n.key;
}

/**
 * The state of a level selector: the chosen level (the first one the role may open until the
 * reader picks one), the node key ('' = the API's first node) and the reconciled forecast loaded
 * for them with `historyDays` of history. Call in an injection context.
 */
export function levelSelection(historyDays: () => number) {
  const api = inject(ForecastLevelsService);
  const auth = inject(AuthService);
  const i18n = inject(I18n);
  const offered = computed(() => levelsOffered(auth.role()));
  const picked = signal<HierarchyLevel | null>(null);
  const level = computed<HierarchyLevel>(() => {
    const p = picked();
    return p !== null && offered().includes(p) ? p : offered()[0];
  });
  const key = signal('');
  const result = remoteFor(
    () => ({ level: level(), key: key(), days: historyDays() }),
    (q) => api.level(q.level, q.key, q.days),
  );
  const data = computed(() => result.value() ?? null);
  /** The node's sales history as chart points. */
  const history = computed<DatedValue[]>(() =>
    (data()?.history ?? []).map((p) => ({ date: p.date, value: p.units })),
  );
  /** The node's P50 summed over the horizon. */
  const total = computed(() =>
    (data()?.forecast ?? []).reduce((s, p) => s + p.p50, 0),
  );
  /** What the chart shows: the node's label, or the level's name (the chain has no key). */
  const subject = computed(() => {
    const d = data();
    const node = d?.key ? d.nodes.find((n) => n.key === d.key) : undefined;
    return node ? nodeLabel(node) : i18n.t(levelKey(level()));
  });
  return {
    levels: HIERARCHY_LEVELS,
    offered,
    level,
    key: key.asReadonly(),
    result,
    data,
    history,
    total,
    subject,
    allowed: (l: HierarchyLevel) => offered().includes(l),
    setLevel(l: HierarchyLevel): void {
      picked.set(l);
      key.set('');
    },
    setKey(k: string): void {
      key.set(k);
    },
  };
}

export type LevelSelection = ReturnType<typeof levelSelection>;
