import type { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { isoDay, sqlQuery, type SqlDate } from '../database/raw-sql';

interface PromoSaleRow {
  product_id: number;
  date: SqlDate;
  price: number | null;
  on_promo: boolean | number | string | null;
}

const truthy = (v: PromoSaleRow['on_promo']) =>
  v === true || v === 1 || v === '1' || v === 't' || v === 'true';

/**
 * The promotion prices in effect on each line's as-of day, by product, for one store. Prices are
 * only known from sales, so a promotion counts as running on the as-of day when the series' sale
 * on that day or on the day before (the last sales day, the forecast's data end) was on promotion
 * with a price; the latest such sale wins. Products without one are absent: their regular price
 * is in effect. The generator and the stored line's re-read (detail, adjustments) both use this,
 * so the lost margin stored and the one shown agree.
 */
export async function promotionPrices(
  ds: DataSource,
  storeId: number,
  asOfByProduct: ReadonlyMap<number, string>,
): Promise<Map<number, number>> {
  const prices = new Map<number, number>();
  if (asOfByProduct.size === 0) return prices;
  const ids = [...asOfByProduct.keys()];
  const days = [...asOfByProduct.values()].sort();
  const rows = await sqlQuery<PromoSaleRow>(
    ds,
    `SELECT product_id, date, price, on_promo FROM sales
      WHERE store_id = ? AND product_id BETWEEN ? AND ? AND date BETWEEN ? AND ? AND price IS NOT NULL
      ORDER BY product_id, date`,
    [
      storeId,
      Math.min(...ids),
      Math.max(...ids),
      addDays(days[0], -1),
      days[days.length - 1],
    ],
  );
  for (const r of rows) {
    const productId = Number(r.product_id);
    const asOf = asOfByProduct.get(productId);
    const day = isoDay(r.date);
    if (asOf === undefined || day < addDays(asOf, -1) || day > asOf) continue;
    // Rows come by date: a later day's sale replaces an earlier one, on promotion or not.
    if (truthy(r.on_promo)) prices.set(productId, Number(r.price));
    else prices.delete(productId);
  }
  return prices;
}
