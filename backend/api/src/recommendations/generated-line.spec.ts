import {
  type GeneratedLine,
  LINE_COLUMNS,
  linePositions,
} from './generated-line';

const line: GeneratedLine = {
  run_id: 'run-1',
  store_id: 3,
  product_id: 17,
  supplier_id: null,
  as_of: '2026-01-05',
  recommended_qty: 24,
  final_qty: 23,
  cases: 2,
  case_pack: 12,
  moq: 6,
  safety_stock: 4.5,
  reorder_point: 9.5,
  order_up_to: 30,
  inventory_position: 7,
  on_hand: 5,
  inbound: 2,
  demand_mean: 3.25,
  demand_sd: 1.5,
  protection_periods: 8,
  service_kind: 'fill-rate',
  service_level: 0.95,
  abc: 'A',
  xyz: 'Y',
  stockout_date_p50: '2026-01-09',
  stockout_date_p90: null,
  days_of_cover: 1.75,
  excess_units: 0.5,
  excess_value: 1.25,
  expiry_risk: null,
  unit_cost: 2.5,
  expected_lost_units: 1.5,
  lost_margin: 3.75,
  stockout_risk: 1,
  risk_reason: 'lead-time',
  explanation: 'Order 2 cases.',
  explanation_json: '{"cases":2}',
};

describe('generated recommendation lines', () => {
  it('writes every field of a line once, each at its own column', () => {
    const names = LINE_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(line).sort());
    const positions = linePositions(line);
    expect(positions).toHaveLength(names.length);
    names.forEach((name, i) =>
      expect(positions[i]).toBe(line[name as keyof GeneratedLine]),
    );
  });

  it('keeps the bulk types of the recommendations table', () => {
    const type = new Map(LINE_COLUMNS.map((c) => [c.name, c.type]));
    expect(type.get('run_id')).toBe('text');
    expect(type.get('store_id')).toBe('int');
    expect(type.get('as_of')).toBe('date');
    expect(type.get('stockout_date_p90')).toBe('date');
    expect(type.get('cases')).toBe('int');
    expect(type.get('excess_value')).toBe('float');
    expect(type.get('explanation_json')).toBe('text');
    expect(type.get('lost_margin')).toBe('float');
    expect(type.get('stockout_risk')).toBe('int');
  });
});
