/**
 * Display names of the forecasting models (`ModelName` of the forecasting library) and of the
 * market signals the demo datasets import. The API sends the ids; `I18n.tOr` falls back to the id
 * for a model or signal not listed here. `MODEL_ZH_CN` is typed against `MODEL_EN`.
 */
export const MODEL_EN = {
  'model.seasonal-naive': 'Seasonal naive',
  'model.moving-average': 'Moving average',
  'model.ets': 'ETS (exponential smoothing)',
  'model.croston-sba': 'Croston-SBA (intermittent demand)',
  'model.tsb': 'TSB (intermittent demand)',
  'model.neural': 'Neural network',
  'model.gbdt': 'GBDT (gradient-boosted trees)',
  'model.ensemble': 'Ensemble',
  'model.category-profile': 'Category profile',
  'signal.consumer_confidence': 'Consumer confidence',
  'signal.fuel_price': 'Fuel price',
  'signal.oil_price': 'Oil price',
  'signal.search_index': 'Search index',
} as const;

export const MODEL_ZH_CN: Record<keyof typeof MODEL_EN, string> = {
  'model.seasonal-naive': '季节性朴素',
  'model.moving-average': '移动平均',
  'model.ets': 'ETS（指数平滑）',
  'model.croston-sba': 'Croston-SBA（间歇性需求）',
  'model.tsb': 'TSB（间歇性需求）',
  'model.neural': '神经网络',
  'model.gbdt': 'GBDT（梯度提升树）',
  'model.ensemble': '集成模型',
  'model.category-profile': '品类曲线',
  'signal.consumer_confidence': '消费者信心',
  'signal.fuel_price': '燃油价格',
  'signal.oil_price': '原油价格',
  'signal.search_index': '搜索指数',
};
