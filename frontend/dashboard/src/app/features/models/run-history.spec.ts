import { TestBed } from '@angular/core/testing';
import type { RunHistoryEvent } from '@shelfcast/contracts';
import { I18n, type Language } from '../../core/i18n/i18n';
import { RunHistory } from './run-history';

/** A run killed after its first shard, resumed at the next start (midday UTC: same day in any zone). */
const HISTORY: RunHistoryEvent[] = [
  { kind: 'started', at: '2026-11-28T11:00:00Z', note: '3 shards' },
  {
    kind: 'interrupted',
    at: '2026-11-28T11:20:00Z',
    note: 'in training, 1 of 3 shards finished',
  },
  {
    kind: 'resumed',
    at: '2026-11-28T12:00:00Z',
    note: '2 shards left',
  },
];

describe('RunHistory', () => {
  afterEach(() => localStorage.clear());

  function render(events: RunHistoryEvent[], language: Language = 'en') {
    TestBed.inject(I18n).setLanguage(language);
    const fixture = TestBed.createComponent(RunHistory);
    fixture.componentRef.setInput('events', events);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const rows = Array.from(el.querySelectorAll('li.event')).map((li) => ({
      kind: li.getAttribute('data-kind'),
      at: li.querySelector('time')?.getAttribute('datetime'),
      time: li.querySelector('.event__at')?.textContent?.trim(),
      label: li.querySelector('.event__kind')?.textContent?.trim(),
      note: li.querySelector('.event__note')?.textContent?.trim(),
    }));
    return { el, rows };
  }

  it('lists started → interrupted → resumed in order, with time, label and note', () => {
    const { el, rows } = render(HISTORY);
    expect(el.querySelector('h3')?.textContent).toContain('Execution history');
    expect(rows.map((r) => [r.kind, r.label, r.note])).toEqual([
      ['started', 'Started', '3 shards'],
      ['interrupted', 'Interrupted', 'in training, 1 of 3 shards finished'],
      ['resumed', 'Resumed', '2 shards left'],
    ]);
    expect(rows.map((r) => r.at)).toEqual(HISTORY.map((e) => e.at));
    for (const r of rows) expect(r.time).toContain('Nov 28, 2026');
  });

  it('labels every kind and formats the time in Chinese', () => {
    const { el, rows } = render(HISTORY, 'zh-CN');
    expect(el.querySelector('h3')?.textContent).toContain('执行记录');
    expect(rows.map((r) => r.label)).toEqual(['已开始', '已中断', '已恢复']);
    for (const r of rows) expect(r.time).toContain('2026年11月28日');
  });

  it('shows nothing for a run without history', () => {
    const { el, rows } = render([]);
    expect(rows).toEqual([]);
    expect(el.querySelector('h3')).toBeNull();
  });
});
