import type { ReportLocale } from '@shelfcast/contracts';

/** Every fixed text of the store-summary PDF, per report locale. */
export interface PdfLabels {
  title: string;
  region: string;
  generated: string;
  filters: string;
  noStore: string;
  /** The filters line when none applies. */
  none: string;
  forecast: string;
  top: string;
  columns: {
    sku: string;
    product: string;
    qty: string;
    status: string;
    risk: string;
  };
  noRecommendations: string;
  kpi: {
    series: string;
    forecastUnits: (periods: number) => string;
    wape: string;
    bias: string;
    pending: string;
    orderValue: string;
    stockout: string;
    excessValue: string;
  };
  stockoutOn: (date: string) => string;
  excessUnits: (units: string) => string;
  statuses: Record<string, string>;
}

const EN: PdfLabels = {
  title: 'Store management summary',
  region: 'region',
  generated: 'generated',
  filters: 'Filters',
  noStore: 'No store matches these filters.',
  none: 'none',
  forecast: 'Forecast (final P50, P10–P90 band)',
  top: 'Top recommendations',
  columns: {
    sku: 'SKU',
    product: 'Product',
    qty: 'Order qty',
    status: 'Status',
    risk: 'Risk',
  },
  noRecommendations: 'no recommendations',
  kpi: {
    series: 'Series forecast',
    forecastUnits: (n) => `Forecast units, ${n} periods`,
    wape: 'Backtest WAPE',
    bias: 'Backtest bias',
    pending: 'Pending lines',
    orderValue: 'Approved order value',
    stockout: 'Lines at stock-out risk',
    excessValue: 'Excess stock value',
  },
  stockoutOn: (d) => `stock-out ${d}`,
  excessUnits: (u) => `excess ${u} units`,
  statuses: {},
};

const ZH_CN: PdfLabels = {
  title: '门店管理摘要',
  region: '区域',
  generated: '生成于',
  filters: '筛选条件',
  noStore: '没有符合这些筛选条件的门店。',
  none: '无',
  forecast: '预测（最终 P50，P10–P90 区间）',
  top: '重点补货建议',
  columns: {
    sku: 'SKU',
    product: '商品',
    qty: '订货数量',
    status: '状态',
    risk: '风险',
  },
  noRecommendations: '没有补货建议',
  kpi: {
    series: '预测序列数',
    forecastUnits: (n) => `预测销量（${n} 期）`,
    wape: '回测 WAPE',
    bias: '回测偏差',
    pending: '待处理行',
    orderValue: '已批准订货金额',
    stockout: '有缺货风险的行',
    excessValue: '过剩库存金额',
  },
  stockoutOn: (d) => `${d} 缺货`,
  excessUnits: (u) => `过剩 ${u} 件`,
  statuses: {
    pending: '待处理',
    approved: '已批准',
    adjusted: '已调整',
    rejected: '已拒绝',
    superseded: '已取代',
  },
};

export function pdfLabels(locale: ReportLocale): PdfLabels {
  return locale === 'zh-CN' ? ZH_CN : EN;
}

/** An amount in the configured currency, formatted for the report's locale (`$1,234.50`, `US$1,234.50`). */
export function formatMoney(
  n: number | null,
  currency: string,
  locale: ReportLocale,
): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', {
    style: 'currency',
    currency,
  }).format(n);
}
