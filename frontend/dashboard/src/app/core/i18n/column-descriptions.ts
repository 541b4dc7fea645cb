import type { CsvColumn, ImportKind } from '@shelfcast/contracts';
import type { Language } from './i18n';

/**
 * Chinese descriptions of the expected CSV columns. The English ones come with `CSV_FORMATS` from
 * the API contracts (the single source of truth for the layout); a spec checks that every column
 * there has an entry here.
 */
export const COLUMN_DESCRIPTIONS_ZH_CN: Record<
  ImportKind,
  Record<string, string>
> = {
  stores: {
    code: '门店代码，唯一',
    name: '显示名称',
    region: '区域名称',
    timezone: 'IANA 时区，默认 UTC',
  },
  suppliers: {
    code: '供应商代码，唯一',
    name: '显示名称',
    lead_time_mean_days: '平均交货周期（天）',
    lead_time_sd_days: '交货周期标准差（天），默认 0',
    review_period_days: '订货审核间隔（天），默认 7',
  },
  products: {
    sku: '商品代码，唯一',
    name: '显示名称',
    category_path: '品类路径，各级以“/”分隔，例如 beverages/juice/orange',
    brand: '品牌',
    regular_price: '单件常规售价',
    unit_cost: '单件成本',
    case_pack: '每箱件数，默认 1',
    moq: '最小起订量（件），默认 0',
    shelf_life_days: '保质期（天），非易腐商品留空',
    supplier: '供应商代码',
    attributes: '其他属性的 JSON 对象',
  },
  sales: {
    store: '门店代码',
    sku: '商品代码',
    date: '周期开始日期（当天，或该周、该月的第一天）',
    units: '销量（件），>= 0',
    revenue: '销售额，>= 0；默认为销量 × 价格',
    price: '每件平均成交价',
    promo: '促销时为 1',
    stockout: '库存降至零时为 1（销量被截断）',
    grain: 'day、week 或 month；默认 day。每个序列只用一种粒度',
  },
  inventory: {
    store: '门店代码',
    sku: '商品代码',
    date: '快照日期',
    on_hand: '当日结束时的在库件数',
  },
  'purchase-orders': {
    po_number: '采购订单号',
    store: '门店代码',
    sku: '商品代码',
    supplier: '供应商代码',
    quantity: '订购件数，> 0',
    ordered_date: '下单日期',
    expected_date: '预计到货日期',
    status: 'open、received 或 cancelled；默认 open',
  },
  signals: {
    signal: '信号名称，例如 cpi、fuel_price、consumer_confidence',
    scope: 'global、region、store 或 category',
    scope_key: '区域名称、门店代码或品类路径；global 时留空',
    date: '数值对应的日期',
    value: '数值',
  },
  events: {
    name: '事件名称',
    type: 'holiday、event、promotion 或 closure',
    start_date: '第一天',
    end_date: '最后一天（含）',
    scope: 'global、region、store 或 category；默认 global',
    scope_key: '区域名称、门店代码或品类路径；global 时留空',
  },
  transactions: {
    basket_id: '购物篮（小票）编号，在门店内唯一',
    datetime: '销售时间，yyyy-mm-ddThh:mm[:ss] 或 yyyy-mm-dd hh:mm[:ss]',
    store: '门店代码',
    sku: '商品代码',
    quantity: '该行件数，> 0',
    customer_id: '会员顾客编号；仅保存加盐哈希',
  },
};

/** The description of a CSV column in the given language (English from the contracts otherwise). */
export function columnDescription(
  language: Language,
  kind: ImportKind,
  column: Pick<CsvColumn, 'name' | 'description'>,
): string {
  return language === 'zh-CN'
    ? (COLUMN_DESCRIPTIONS_ZH_CN[kind][column.name] ?? column.description)
    : column.description;
}
