import {
  addDays,
  axisDay,
  echartsLocale,
  escapeHtml,
  formatDay,
  formatNumber,
  toIsoDay,
} from './chart-format';
import {
  DARK_PALETTE,
  LIGHT_PALETTE,
  buildEchartsTheme,
  paletteFor,
} from './chart-palette';

describe('chart formatting', () => {
  it('formats numbers with the given locale and a dash for missing values', () => {
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
    expect(formatNumber(1234.56, 'de')).toBe('1.234,6');
    expect(formatNumber(null, 'en')).toBe('–');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
  });

  it('formats ISO days without a time-zone shift', () => {
    expect(formatDay('2026-01-01', 'en')).toBe('Jan 1, 2026');
    expect(formatDay('2026-01-01', 'zh-CN')).toContain('2026');
    expect(formatDay('2026-01-01', 'zh-CN')).toContain('1日');
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('turns a local timestamp back into its day', () => {
    expect(toIsoDay(new Date(2026, 10, 28, 15, 30).getTime())).toBe(
      '2026-11-28',
    );
  });

  it('reads the pointer day from axis tooltip params', () => {
    expect(axisDay([{ axisValue: new Date(2026, 0, 5).getTime() }])).toBe(
      '2026-01-05',
    );
    expect(axisDay({ axisValue: '2026-02-03' })).toBe('2026-02-03');
    expect(axisDay([])).toBeNull();
    expect(axisDay(null)).toBeNull();
  });

  it('escapes html', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe(
      '&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;',
    );
  });

  it('maps app locales to ECharts locales', () => {
    expect(echartsLocale('zh-CN')).toBe('ZH');
    expect(echartsLocale('en')).toBe('EN');
  });
});

describe('chart palettes', () => {
  it('picks the palette of the mode', () => {
    expect(paletteFor('dark')).toBe(DARK_PALETTE);
    expect(paletteFor('light')).toBe(LIGHT_PALETTE);
  });

  it('builds a transparent ECharts theme coloured from the palette', () => {
    const theme = buildEchartsTheme(DARK_PALETTE);
    expect(theme['backgroundColor']).toBe('transparent');
    expect(theme['color']).toEqual(DARK_PALETTE.series);
    expect(theme['textStyle']).toEqual({ color: DARK_PALETTE.text });
  });
});
