/** Texts of the reconciled forecasts per level (forecasts explorer and overview), spread into the dictionaries. */
export const HIERARCHY_EN = {
  'levels.title': 'Coherent forecasts by level',
  'levels.intro':
    'Reconciled forecasts: every level adds up exactly (chain = sum of regions = sum of stores = sum of categories = sum of products; a store = sum of its categories = sum of its products).',
  'levels.level.label': 'Hierarchy level',
  'levels.level.chain': 'Chain',
  'levels.level.region': 'Region',
  'levels.level.store': 'Store',
  'levels.level.category': 'Category',
  'levels.level.categoryStore': 'Category × store',
  'levels.level.product': 'Product',
  'levels.level.productStore': 'Product × store',
  'levels.noRegion': '(no region)',
  'levels.noRegion.hint':
    'Stores without a region are listed under "(no region)"; set a store\'s region in the stores import.',
  'levels.accuracy':
    'Accuracy at this level: MASE {mase} (base {base}), P10–P90 coverage {coverage}%',
  'levels.accuracy.hint':
    "On the serving run's most recent backtest window, reconciled with the same method; MASE below 1 beats a seasonal-naive forecast; the P10–P90 band should hold about 80% of the actuals.",
  'levels.node': 'Show',
  'levels.total': 'Next {days} days (P50)',
  'levels.childrenTotal': 'Sum of {count} {children}',
  'levels.children.stores': 'stores',
  'levels.children.products': 'products',
  'levels.children.categories': 'categories',
  'levels.method': 'Method: {method}',
  'levels.download': 'Download level CSV',
  'levels.chart.label': 'Reconciled forecast of {subject}',
  'levels.empty': 'No served forecasts to reconcile yet.',
  'levels.overview.title': 'Reconciled forecast by level',
};

export const HIERARCHY_ZH_CN: Record<keyof typeof HIERARCHY_EN, string> = {
  'levels.title': '各层级一致的预测',
  'levels.intro':
    '协调后的预测：各层级数值严格相加一致（全连锁 = 各区域之和 = 各门店之和 = 各品类之和 = 各商品之和；门店 = 其各品类之和 = 其各商品之和）。',
  'levels.level.label': '层级',
  'levels.level.chain': '全连锁',
  'levels.level.region': '区域',
  'levels.level.store': '门店',
  'levels.level.category': '品类',
  'levels.level.categoryStore': '品类 × 门店',
  'levels.level.product': '商品',
  'levels.level.productStore': '商品 × 门店',
  'levels.noRegion': '（无区域）',
  'levels.noRegion.hint':
    '未设置区域的门店列在“（无区域）”下；可在门店导入中设置门店的区域。',
  'levels.accuracy':
    '该层级的准确度：MASE {mase}（基础预测 {base}），P10–P90 覆盖率 {coverage}%',
  'levels.accuracy.hint':
    '基于发布运行最近一次回测窗口、以相同方法协调；MASE 小于 1 即优于季节性朴素预测；P10–P90 区间应覆盖约 80% 的实际值。',
  'levels.node': '显示',
  'levels.total': '未来 {days} 天（P50）',
  'levels.childrenTotal': '{count} 个{children}之和',
  'levels.children.stores': '门店',
  'levels.children.products': '商品',
  'levels.children.categories': '品类',
  'levels.method': '方法：{method}',
  'levels.download': '下载该层级 CSV',
  'levels.chart.label': '{subject} 的协调预测',
  'levels.empty': '尚无可协调的已发布预测。',
  'levels.overview.title': '按层级的协调预测',
};
