import type { ReportLocale } from '@shelfcast/contracts';
import type {
  ReportMeta,
  ReportSection,
} from '../../common/tabular/report-types';
import type { XlsxLabels } from '../../common/tabular/xlsx-writer';

/**
 * The report text the API writes itself (titles, sheet names, column headers, the header block),
 * in the reader's language for the files people read (XLSX, PDF). CSV stays English: its headers
 * are what scripts key on. A header without a translation keeps its English key.
 */

const ZH_TITLES: Record<string, string> = {
  forecasts: '按序列和周期的预测',
  accuracy: '预测准确率',
  recommendations: '补货建议与采购订单',
  'stock-risk': '缺货风险与库存积压',
  'training-runs': '训练运行历史',
  'store-summary': '门店管理摘要',
};

/** Section (sheet) titles, by their English title (section ids repeat across reports). */
const ZH_SECTIONS: Record<string, string> = {
  Forecasts: '预测',
  'By store': '按门店',
  'By category': '按品类',
  'By model': '按模型',
  Recommendations: '补货建议',
  'Purchase orders': '采购订单',
  'Stock-out risk': '缺货风险',
  'Excess stock': '过剩库存',
  'Training runs': '训练运行',
  Stores: '门店',
};

const ZH_HEADERS: Record<string, string> = {
  abc: 'ABC 分类',
  approved_at: '批准时间',
  approved_by: '批准人',
  approved_order_value: '已批准订货金额',
  as_of: '基准日',
  backtest_units: '回测销量',
  baseline: '基线',
  bias: '偏差',
  case_pack: '箱规',
  cases: '箱数',
  category: '品类',
  champion_run_id: '冠军运行',
  champion_wape: '冠军 WAPE',
  created_at: '创建时间',
  data_end: '数据截止',
  days_of_cover: '覆盖天数',
  decided_at: '决定时间',
  decided_by: '决定人',
  duration_s: '用时（秒）',
  excess_units: '过剩数量',
  excess_value: '过剩金额',
  final: '最终',
  final_qty: '最终数量',
  finished_at: '结束时间',
  forecast_units_final: '最终预测销量',
  inbound: '在途',
  line_value: '行金额',
  mase: 'MASE',
  message: '信息',
  model: '模型',
  on_hand: '现有库存',
  order_value: '订货金额',
  override: '人工调整',
  p10: 'P10',
  p10_p90_coverage: 'P10–P90 覆盖率',
  p50: 'P50',
  p90: 'P90',
  pending_lines: '待处理行',
  period: '周期',
  product_name: '商品名称',
  quantity: '数量',
  reason: '原因',
  recommended_qty: '建议数量',
  region: '区域',
  reorder_point: '再订货点',
  requested_by: '发起人',
  run_id: '运行',
  safety_stock: '安全库存',
  scope: '范围',
  series: '序列数',
  series_done: '已完成序列',
  series_failed: '失败序列',
  series_total: '序列总数',
  service_level: '服务水平',
  sku: 'SKU',
  started_at: '开始时间',
  status: '状态',
  stockout_date_p50: '缺货日期（P50）',
  stockout_risk_lines: '缺货风险行',
  store_code: '门店代码',
  store_name: '门店名称',
  supplier_code: '供应商代码',
  supplier_name: '供应商名称',
  trigger: '触发方式',
  unit_cost: '单位成本',
  wape: 'WAPE',
  xyz: 'XYZ 分类',
};

/** The filter names echoed in a file's header block (as the dashboard's report filters name them). */
const ZH_FILTERS: Record<string, string> = {
  from: '开始日期',
  to: '结束日期',
  stores: '门店',
  region: '区域',
  category: '品类',
  abc: 'ABC 分类',
  status: '状态',
};

const ZH_XLSX: XlsxLabels = {
  sheet: '报表',
  report: '报表',
  generated: '生成于',
  scope: '范围',
  filters: '筛选条件',
  none: '无',
};

export function reportTitle(
  id: string,
  english: string,
  locale: ReportLocale,
): string {
  return locale === 'zh-CN' ? (ZH_TITLES[id] ?? english) : english;
}

/** Who the file is for: all stores, or the reader's own. */
export function scopeText(
  all: boolean,
  storeCodes: readonly string[],
  locale: ReportLocale,
): string {
  if (locale === 'zh-CN')
    return all
      ? '全部门店'
      : `门店 ${storeCodes.join('、') || '（无）'}（分配给当前用户）`;
  return all
    ? 'all stores'
    : `stores ${storeCodes.join(', ') || '(none)'} (assigned to the signed-in user)`;
}

export function filterName(key: string, locale: ReportLocale): string {
  return locale === 'zh-CN' ? (ZH_FILTERS[key] ?? key) : key;
}

export function xlsxLabels(locale: ReportLocale): XlsxLabels | undefined {
  return locale === 'zh-CN' ? ZH_XLSX : undefined;
}

/**
 * Sheet titles and column headers in the locale, money headers naming the currency: `order_value`
 * becomes `订货金额（USD）` in Chinese (English keeps `order_value_usd`, see withCurrency).
 */
export function localizeSections(
  sections: readonly ReportSection[],
  locale: ReportLocale,
  currency: string,
): ReportSection[] {
  if (locale !== 'zh-CN') return [...sections];
  return sections.map((s) => ({
    ...s,
    title: ZH_SECTIONS[s.title] ?? s.title,
    columns: s.columns.map((c) => {
      const name = ZH_HEADERS[c.header] ?? c.header;
      return { ...c, header: c.money ? `${name}（${currency}）` : name };
    }),
  }));
}

/** The metadata in the locale (the header block of an XLSX or PDF). */
export function localizeMeta(
  meta: ReportMeta,
  locale: ReportLocale,
): ReportMeta {
  if (locale === 'en') return meta;
  return {
    ...meta,
    filters: meta.filters.map(([k, v]) => [filterName(k, locale), v] as const),
  };
}

/**
 * The locale of a request without `locale=`: Chinese when the client's Accept-Language prefers
 * Chinese to English, else English.
 */
export function localeFromAcceptLanguage(
  header: string | undefined,
): ReportLocale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
