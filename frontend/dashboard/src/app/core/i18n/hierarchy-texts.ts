/** Texts of the reconciled forecasts per level (forecasts explorer and overview), spread into the dictionaries. */
export const HIERARCHY_EN = {
  'levels.title': 'Coherent forecasts by level',
  'levels.intro':
    'Reconciled forecasts: every level adds up exactly (chain = sum of regions = sum of stores = sum of categories = sum of products).',
  'levels.level.label': 'Hierarchy level',
  'levels.level.chain': 'Chain',
  'levels.level.region': 'Region',
  'levels.level.store': 'Store',
  'levels.level.category': 'Category',
  'levels.level.product': 'Product',
  'levels.node': 'Show',
  'levels.total': 'Next {days} days (P50)',
  'levels.childrenTotal': 'Sum of {count} {children}',
  'levels.children.stores': 'stores',
  'levels.children.products': 'products',
  'levels.method': 'Method: {method}',
  'levels.download': 'Download level CSV',
  'levels.chart.label': 'Reconciled forecast of {subject}',
  'levels.empty': 'No served forecasts to reconcile yet.',
  'levels.overview.title': 'Reconciled forecast by level',
};

export const HIERARCHY_ZH_CN: Record<keyof typeof HIERARCHY_EN, string> = {
  'levels.title': '各层级一致的预测',
  'levels.intro':
    '协调后的预测：各层级数值严格相加一致（全连锁 = 各区域之和 = 各门店之和 = 各品类之和 = 各商品之和）。',
  'levels.level.label': '层级',
  'levels.level.chain': '全连锁',
  'levels.level.region': '区域',
  'levels.level.store': '门店',
  'levels.level.category': '品类',
  'levels.level.product': '商品',
  'levels.node': '显示',
  'levels.total': '未来 {days} 天（P50）',
  'levels.childrenTotal': '{count} 个{children}之和',
  'levels.children.stores': '门店',
  'levels.children.products': '商品',
  'levels.method': '方法：{method}',
  'levels.download': '下载该层级 CSV',
  'levels.chart.label': '{subject} 的协调预测',
  'levels.empty': '尚无可协调的已发布预测。',
  'levels.overview.title': '按层级的协调预测',
};
