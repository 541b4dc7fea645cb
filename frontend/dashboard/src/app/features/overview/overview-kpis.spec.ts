import {
  forecastsLink,
  inventoryLink,
  regionsOf,
  relativeChange,
  salesChange,
} from './overview-kpis';

describe('overview KPI helpers', () => {
  it('computes a relative change only against a positive base', () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeChange(90, 100)).toBeCloseTo(-0.1, 12);
    expect(relativeChange(5, 0)).toBeNull();
  });

  it('compares sales with last year only when last year has sales days', () => {
    const w = {
      days: 7,
      from: '2026-11-21',
      to: '2026-11-27',
      units: 150,
      revenue: 0,
      lastYearUnits: 100,
      lastYearRevenue: 0,
      lastYearDays: 7,
    };
    expect(salesChange(w)).toBeCloseTo(0.5, 12);
    expect(salesChange({ ...w, lastYearDays: 0 })).toBeNull();
    expect(salesChange(null)).toBeNull();
  });

  it('carries the scope into detail links where the page has that filter', () => {
    expect(forecastsLink('category', 'dairy')).toEqual({
      path: '/forecasts',
      queryParams: { level: 'category', category: 'dairy' },
    });
    expect(forecastsLink('region', 'north').queryParams).toEqual({});
    expect(inventoryLink('store', 'S001', { risk: 'stockout' })).toEqual({
      path: '/inventory',
      queryParams: { risk: 'stockout', store: 'S001' },
    });
    expect(
      inventoryLink('chain', '', { status: 'pending' }).queryParams,
    ).toEqual({ status: 'pending' });
    expect(inventoryLink('region', 'north', { status: 'pending' })).toEqual({
      path: '/inventory',
      queryParams: { status: 'pending', region: 'north' },
    });
  });

  it('lists each region once, sorted', () => {
    expect(
      regionsOf([
        { region: 'south' },
        { region: 'north' },
        { region: 'south' },
      ]),
    ).toEqual(['north', 'south']);
  });
});
