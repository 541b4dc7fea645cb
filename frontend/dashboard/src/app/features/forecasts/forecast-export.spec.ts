import { forecastCsv, inRange } from './forecast-export';

describe('forecast export', () => {
  it('writes one row per day with actuals and the forecast band', () => {
    const csv = forecastCsv(
      [
        { date: '2026-12-02', value: 12 },
        { date: '2026-12-01', value: null },
      ],
      [{ date: '2026-12-03', p10: 8.12345, p50: 11, p90: null }],
    );
    expect(csv).toBe(
      [
        'date,actual_units,p10,p50,p90',
        '2026-12-01,,,,',
        '2026-12-02,12,,,',
        '2026-12-03,,8.123,11,',
        '',
      ].join('\n'),
    );
  });

  it('keeps the days inside the range, either end open', () => {
    const days = ['2026-12-01', '2026-12-02', '2026-12-03'].map((date) => ({
      date,
    }));
    expect(inRange(days, '2026-12-02', '').map((d) => d.date)).toEqual([
      '2026-12-02',
      '2026-12-03',
    ]);
    expect(inRange(days, '', '2026-12-01')).toEqual([{ date: '2026-12-01' }]);
    expect(inRange(days, '', '')).toHaveLength(3);
  });
});
