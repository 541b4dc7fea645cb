import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSelect } from '@angular/material/select';
import { By } from '@angular/platform-browser';
import { StoreSelect } from './store-select';

@Component({
  imports: [StoreSelect],
  template: `<sc-store-select
    label="Store"
    [allLabel]="allLabel()"
    [stores]="stores"
    [value]="value()"
    (valueChange)="value.set($event)"
  />`,
})
class Host {
  readonly allLabel = signal<string | null>('All');
  readonly value = signal('');
  readonly stores = [
    { code: 'S001', name: 'North' },
    { code: 'S002', name: 'South' },
  ];
}

async function open(allLabel: string | null = 'All') {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.allLabel.set(allLabel);
  fixture.detectChanges();
  await fixture.whenStable();
  const select = fixture.debugElement.query(By.directive(MatSelect))
    .componentInstance as MatSelect;
  select.open();
  fixture.detectChanges();
  const options = Array.from(
    document.querySelectorAll<HTMLElement>('.mat-mdc-option'),
  );
  return { fixture, options };
}

describe('StoreSelect', () => {
  afterEach(() => document.querySelector('.cdk-overlay-container')?.remove());

  it('labels the field and offers "All" then every store as "name (code)"', async () => {
    const { fixture, options } = await open();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('mat-label')
        ?.textContent,
    ).toBe('Store');
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      'All',
      'North (S001)',
      'South (S002)',
    ]);
  });

  it('emits the chosen store code', async () => {
    const { fixture, options } = await open();
    options[2].click();
    fixture.detectChanges();
    expect(fixture.componentInstance.value()).toBe('S002');
  });

  it('has no "all" option without allLabel', async () => {
    const { options } = await open(null);
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      'North (S001)',
      'South (S002)',
    ]);
  });
});
