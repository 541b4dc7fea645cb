/**
 * Texts of the daily-workflow additions (money columns, keyboard review, guided empty states,
 * forecast downloads), spread into the dictionaries; `WORKFLOW_ZH_CN` is typed against `WORKFLOW_EN`.
 */
export const WORKFLOW_EN = {
  'inventory.col.orderValue': 'Order value ({currency})',
  'inventory.col.excessValue': 'Excess value ({currency})',
  'inventory.fact.unitCost': 'Unit cost ({currency})',
  'inventory.fact.orderValue': 'Order value ({currency})',
  'inventory.fact.excessValue': 'Excess value ({currency})',
  'inventory.bulkConfirmCount': 'Approve {n} pending lines matching: {filter}?',
  'inventory.bulkFilterNone': 'no filter (every store)',
  'forecasts.range.from': 'From',
  'forecasts.range.to': 'To',
  'forecasts.download.png': 'Download chart (PNG)',
  'forecasts.download.csv': 'Download data (CSV)',
  'search.title': 'Search products and stores',
  'search.placeholder': 'Search products and stores (Ctrl+K)',
  'search.open': 'Search ⌘K',
  'search.product': 'Product',
  'search.store': 'Store',
  'search.none': 'Nothing matches.',
  'search.help':
    '↑ / ↓ pick · Enter: product forecast or store inventory · Shift+Enter: the other one · Esc: close',
  'next.importSales': 'Import sales',
  'next.trainFirst': 'Train the first model',
  'next.askImport':
    'A planner or an admin imports the sales history on the Data page; ask one to start.',
  'next.askTrain':
    'Sales are in; a planner or an admin trains the first model on the Models & training page.',
  'inventory.keys.label': 'Keyboard shortcuts',
  'models.progress.phaseSeries':
    '{done} of {total} series in this phase, {failed} failed so far',
  'models.progress.epochs':
    'epoch {done} of {total}, {failed} series failed so far',
  'models.progress.percent': '{percent}% of the run',
  'inventory.keys.help':
    'j / k: next / previous line · a: approve the selected line · r: reject it · Enter: open it · Esc: close the detail',
};

export const WORKFLOW_ZH_CN: Record<keyof typeof WORKFLOW_EN, string> = {
  'inventory.col.orderValue': '订货金额（{currency}）',
  'inventory.col.excessValue': '过剩金额（{currency}）',
  'inventory.fact.unitCost': '单位成本（{currency}）',
  'inventory.fact.orderValue': '订货金额（{currency}）',
  'inventory.fact.excessValue': '过剩金额（{currency}）',
  'inventory.bulkConfirmCount':
    '批准符合以下条件的 {n} 条待处理建议：{filter}？',
  'inventory.bulkFilterNone': '无筛选（全部门店）',
  'forecasts.range.from': '开始日期',
  'forecasts.range.to': '结束日期',
  'forecasts.download.png': '下载图表（PNG）',
  'forecasts.download.csv': '下载数据（CSV）',
  'search.title': '搜索商品和门店',
  'search.placeholder': '搜索商品和门店（Ctrl+K）',
  'search.open': '搜索 ⌘K',
  'search.product': '商品',
  'search.store': '门店',
  'search.none': '没有匹配项。',
  'search.help':
    '↑ / ↓ 选择 · Enter：商品预测或门店库存 · Shift+Enter：另一项 · Esc：关闭',
  'next.importSales': '导入销售数据',
  'next.trainFirst': '训练第一个模型',
  'next.askImport':
    '销售历史由计划员或管理员在“数据”页面导入，请联系他们开始。',
  'next.askTrain':
    '销售数据已导入；第一个模型由计划员或管理员在“模型与训练”页面训练。',
  'inventory.keys.label': '键盘快捷键',
  'models.progress.phaseSeries':
    '本阶段已完成 {done} / {total} 个序列，目前失败 {failed} 个',
  'models.progress.epochs': '第 {done} / {total} 轮，目前失败 {failed} 个序列',
  'models.progress.percent': '整体完成 {percent}%',
  'inventory.keys.help':
    'j / k：下一条 / 上一条 · a：批准所选建议 · r：拒绝 · Enter：打开 · Esc：关闭详情',
};
