import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSelect } from '@angular/material/select';
import { By } from '@angular/platform-browser';
import { CategorySelect } from './category-select';

@Component({
  imports: [CategorySelect],
  template: `<sc-category-select
    label="Category"
    [allLabel]="allLabel()"
    [categories]="categories"
    [value]="value()"
    (valueChange)="value.set($event)"
  />`,
})
class Host {
  readonly allLabel = signal<string | null>('All');
  readonly value = signal('');
  readonly categories = [
    { path: 'dairy/milk' },
    { path: 'bakery' },
    { path: 'dairy/cheese' },
  ];
}

async function open() {
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  await fixture.whenStable();
  const select = fixture.debugElement.query(By.directive(MatSelect))
    .componentInstance as MatSelect;
  select.open();
  fixture.detectChanges();
  const options = Array.from(
    document.querySelectorAll<HTMLElement>('.mat-mdc-option'),
  );
  return { fixture, select, options };
}

describe('CategorySelect', () => {
  afterEach(() => document.querySelector('.cdk-overlay-container')?.remove());

  it('offers every level of the paths, sorted and indented, after "All"', async () => {
    const { options } = await open();
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      'All',
      'bakery',
      'dairy',
      'dairy/cheese',
      'dairy/milk',
    ]);
    expect(options[4].style.paddingInlineStart).toBe('32px');
  });

  it('emits the chosen path', async () => {
    const { fixture, options } = await open();
    options[2].click();
    fixture.detectChanges();
    expect(fixture.componentInstance.value()).toBe('dairy');
  });

  it('has no "all" option without allLabel', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.allLabel.set(null);
    fixture.detectChanges();
    await fixture.whenStable();
    const select = fixture.debugElement.query(By.directive(MatSelect))
      .componentInstance as MatSelect;
    select.open();
    fixture.detectChanges();
    expect(document.querySelectorAll('.mat-mdc-option')).toHaveLength(4);
  });
});
