import type { HierarchyLevel, LevelNode } from '@shelfcast/contracts';
import type { LevelPanel } from './level-data';
import type { ReconciledLevels } from './level-reconcile';

/**
 * How the API names the reconciled hierarchy's nodes: a node's key at each level, its label, the
 * store it belongs to (store-scoped levels) and its children one level down. Built once per
 * computation; pure lookups afterwards.
 */
export interface LevelNodes {
  /** Global index (reconciled arrays) of `<level>\u0000<key>`. */
  index: Map<string, number>;
  /** Sorted keys and labels per level. */
  nodes: Map<HierarchyLevel, LevelNode[]>;
  /** Store code of a node at a store-scoped level (`<level>\u0000<key>`). */
  storeOf: Map<string, string>;
  /** Children keys (one level down) and their level, per `<level>\u0000<key>`. */
  children: Map<string, { level: HierarchyLevel; keys: string[] }>;
}

/** Levels whose nodes lie inside one store (a store manager may read their own). */
export const STORE_LEVELS: readonly HierarchyLevel[] = [
  'store',
  'categoryStore',
  'productStore',
];

/** What each level's children are: chain and region → stores, store → its categories, … */
const CHILD_LEVEL: Partial<Record<HierarchyLevel, HierarchyLevel>> = {
  chain: 'store',
  region: 'store',
  store: 'categoryStore',
  category: 'product',
  categoryStore: 'productStore',
  product: 'productStore',
};

const at = (level: HierarchyLevel, key: string): string =>
  `${level}\u0000${key}`;

export function levelNodes(
  panel: LevelPanel,
  rec: ReconciledLevels,
): LevelNodes {
  const index = new Map<string, number>();
  const nodes = new Map<HierarchyLevel, LevelNode[]>();
  const storeOf = new Map<string, string>();
  const children = new Map<string, { level: HierarchyLevel; keys: string[] }>();
  const add = (
    level: HierarchyLevel,
    key: string,
    label: string,
    store: string | null,
  ) => {
    const i =
      rec.index.get(
        level === 'chain'
          ? 'chain'
          : level === 'productStore'
            ? key
            : `${level}:${key}`,
      ) ?? -1;
    if (i < 0 || index.has(at(level, key))) return;
    index.set(at(level, key), i);
    let list = nodes.get(level);
    if (!list) nodes.set(level, (list = []));
    list.push({ key, label });
    if (store !== null) storeOf.set(at(level, key), store);
  };
  const link = (level: HierarchyLevel, key: string, child: string) => {
    const childLevel = CHILD_LEVEL[level] as HierarchyLevel;
    let c = children.get(at(level, key));
    if (!c) children.set(at(level, key), (c = { level: childLevel, keys: [] }));
    if (!c.keys.includes(child)) c.keys.push(child);
  };
  for (const b of panel.bottoms) {
    const cs = `${b.store}|${b.category}`;
    const ps = `${b.store}|${b.sku}`;
    add('chain', '', 'chain', null);
    add('region', b.region, b.region, null);
    add('store', b.store, b.storeName, b.store);
    add('category', b.category, b.category, null);
    add('categoryStore', cs, `${b.storeName} · ${b.category}`, b.store);
    add('product', b.sku, b.productName, null);
    add('productStore', ps, `${b.storeName} · ${b.productName}`, b.store);
    link('chain', '', b.store);
    link('region', b.region, b.store);
    link('store', b.store, cs);
    link('category', b.category, b.sku);
    link('categoryStore', cs, ps);
    link('product', b.sku, ps);
  }
  for (const list of nodes.values())
    list.sort((a, b) => a.key.localeCompare(b.key));
  for (const c of children.values()) c.keys.sort();
  return { index, nodes, storeOf, children };
}

export const nodeIndex = (
  n: LevelNodes,
  level: HierarchyLevel,
  key: string,
): number | undefined => n.index.get(at(level, key));

export const nodeStore = (
  n: LevelNodes,
  level: HierarchyLevel,
  key: string,
): string | undefined => n.storeOf.get(at(level, key));

export const nodeChildren = (
  n: LevelNodes,
  level: HierarchyLevel,
  key: string,
): { level: HierarchyLevel; keys: string[] } | undefined =>
  n.children.get(at(level, key));
