import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDatepickerInput } from '@angular/material/datepicker';
import { By } from '@angular/platform-browser';
import { I18n } from '../../core/i18n/i18n';
import { DateField } from './date-field';

@Component({
  imports: [DateField],
  template: `<sc-date-field
    label="From"
    name="from"
    min="2026-11-01"
    [value]="value()"
    (valueChange)="value.set($event)"
  />`,
})
class Host {
  readonly value = signal<string | null>('2026-11-30');
}

describe('DateField', () => {
  afterEach(() => localStorage.clear());

  async function open(language: 'en' | 'zh-CN') {
    TestBed.inject(I18n).setLanguage(language);
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const input = fixture.nativeElement.querySelector(
      'input[name="from"]',
    ) as HTMLInputElement;
    return { fixture, input };
  }

  it("shows the ISO day in the active language's format and follows a switch", async () => {
    const { fixture, input } = await open('zh-CN');
    expect(input.value).toBe(
      new Intl.DateTimeFormat('zh-CN').format(new Date(2026, 10, 30)),
    );
    expect(input.value).toMatch(/^2026\/11\/30$/);
    const picker = fixture.debugElement
      .query(By.directive(MatDatepickerInput))
      .injector.get(MatDatepickerInput<Date>);
    expect(picker.min).toEqual(new Date(2026, 10, 1));
    expect(picker.max).toBeNull();

    TestBed.inject(I18n).setLanguage('en');
    fixture.componentInstance.value.set('2026-12-01');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(input.value).toBe('12/1/2026');
  });

  it('reads a typed day in the locale format or as ISO and emits the ISO day', async () => {
    const { fixture, input } = await open('zh-CN');
    input.value = '2026/12/24';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    expect(fixture.componentInstance.value()).toBe('2026-12-24');

    input.value = '2027-01-05';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    expect(fixture.componentInstance.value()).toBe('2027-01-05');
  });
});
