/**
 * Descriptions and date meanings of the report definitions, per report id. The API serves English
 * texts with each definition; the dashboard shows these instead (falling back to the server text
 * for a report id it does not know). `REPORT_ZH_CN` is typed against `REPORT_EN`.
 */
export const REPORT_EN = {
  'reports.description.forecasts':
    "The serving run's P10/P50/P90 per store × product × period, with the baseline (model P50), the planner's override where one applies and the final value.",
  'reports.description.accuracy':
    'Backtest WAPE, MASE, bias and P10–P90 coverage of the serving run per store, category and model (WAPE and bias weighted by backtest units, MASE and coverage averaged over series).',
  'reports.description.recommendations':
    'Every recommendation line of the latest generated run (policy numbers, decision), and the approved or adjusted lines with a quantity as purchase orders grouped by supplier.',
  'reports.description.stock-risk':
    'Lines of the latest run whose P50 projection runs out within the horizon, earliest stock-out first, and lines with stock above order-up-to plus cover, largest excess value first.',
  'reports.description.training-runs':
    'Every training run: trigger, scope, timing, series, backtest WAPE against the champion, and the outcome.',
  'reports.description.store-summary':
    'Per store: final forecast units over the forecast dates, backtest WAPE and bias, pending lines, approved order value, stock-out risk and excess stock; as PDF one page per store with the forecast chart and the top recommendations.',
  'reports.dateMeaning.forecasts': 'forecast period',
  'reports.dateMeaning.accuracy':
    'run finished (the latest promoted run in the range; default the serving run)',
  'reports.dateMeaning.recommendations':
    'decision date (lines decided in the range)',
  'reports.dateMeaning.stock-risk':
    'projected stock-out date (P50); the excess section has no date and ignores the range',
  'reports.dateMeaning.training-runs': 'run created',
  'reports.dateMeaning.store-summary': 'forecast period (units and chart)',
} as const;

export const REPORT_ZH_CN: Record<keyof typeof REPORT_EN, string> = {
  'reports.description.forecasts':
    '当前服务运行按门店 × 商品 × 周期的 P10/P50/P90，附基线（模型 P50）、适用时计划员的人工调整以及最终值。',
  'reports.description.accuracy':
    '当前服务运行按门店、品类和模型的回测 WAPE、MASE、偏差及 P10–P90 覆盖率（WAPE 与偏差按回测销量加权，MASE 与覆盖率按序列平均）。',
  'reports.description.recommendations':
    '最近一次生成运行的全部补货建议行（策略数值、决定），以及已批准或已调整且有数量的行，按供应商汇总为采购订单。',
  'reports.description.stock-risk':
    '最近一次运行中 P50 预测库存在预测期内耗尽的行（最早缺货在前），以及库存高于最高库存加覆盖量的行（积压金额最大在前）。',
  'reports.description.training-runs':
    '每次训练运行：触发方式、范围、耗时、序列数、相对冠军模型的回测 WAPE 以及结果。',
  'reports.description.store-summary':
    '按门店：预测日期内的最终预测销量、回测 WAPE 与偏差、待处理行、已批准订单金额、缺货风险与库存积压；PDF 中每个门店一页，含预测图表和主要补货建议。',
  'reports.dateMeaning.forecasts': '预测周期',
  'reports.dateMeaning.accuracy':
    '运行完成时间（范围内最近一次晋升的运行；默认为当前服务运行）',
  'reports.dateMeaning.recommendations': '决定日期（在该范围内作出决定的行）',
  'reports.dateMeaning.stock-risk':
    '预计缺货日期（P50）；积压部分没有日期，不受该范围影响',
  'reports.dateMeaning.training-runs': '运行创建时间',
  'reports.dateMeaning.store-summary': '预测周期（销量和图表）',
};
