import { computed, inject, signal } from '@angular/core';
import {
  HIERARCHY_LEVELS,
  type HierarchyLevel,
  type LevelNode,
  NO_REGION_KEY,
  type Role,
} from '@shelfcast/contracts';
import type { DatedValue } from '@shelfcast/charts';
import { AuthService } from '../../core/auth/auth.service';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { I18n } from '../../core/i18n/i18n';
import { ForecastLevelsService } from './forecast-levels.service';

/** Levels whose nodes lie inside one store. */
const STORE_LEVELS: readonly HierarchyLevel[] = [
  'store',
  'categoryStore',
  'productStore',
];

/**
 * The levels a role may open: store managers the store, category × store and product × store
 * levels (of their own stores: the API filters the nodes and refuses the rest); everyone else
 * every level.
 */
export function levelsOffered(role: Role | null): readonly HierarchyLevel[] {
  return role === 'store_manager' ? STORE_LEVELS : HIERARCHY_LEVELS;
}

/** What a node's children are called, by the node's level (none for product × store). */
export function childrenKey(level: HierarchyLevel): TranslationKey {
  switch (level) {
    case 'store':
      return 'levels.children.categories';
    case 'category':
    case 'categoryStore':
      return 'levels.children.products';
    default:
      return 'levels.children.stores';
  }
}

export function levelKey(level: HierarchyLevel): TranslationKey {
  return `levels.level.${level}` as const;
}

/**
 * "Boston (S001)", or the bare key when the label adds nothing; the stores without a region get
 * `noRegion` (translated by the caller).
 */
export function nodeLabel(
  n: Pick<LevelNode, 'key' | 'label'>,
  noRegion = NO_REGION_KEY,
): string {
  if (n.key === NO_REGION_KEY) return noRegion;
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
    return node
      ? nodeLabel(node, i18n.t('levels.noRegion'))
      : i18n.t(levelKey(level()));
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
