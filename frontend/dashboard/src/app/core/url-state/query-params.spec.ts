import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  enumParam,
  injectQueryParams,
  intParam,
  optionalEnumParam,
  stringParam,
} from './query-params';

@Component({ template: '' })
class Page {
  readonly query = injectQueryParams({
    kind: enumParam(['sales', 'stores'] as const, 'sales'),
    status: optionalEnumParam(['ok', 'bad'] as const),
    page: intParam(1, 1),
    q: stringParam(),
  });
}

describe('injectQueryParams', () => {
  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'p', component: Page }])],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl(url, Page);
    return { harness, page, router: TestBed.inject(Router) };
  }

  it('parses the URL, with defaults for missing or invalid values', async () => {
    const { page } = await open('/p?kind=stores&page=x&q=milk&status=nope');
    expect(page.query.state()).toEqual({
      kind: 'stores',
      status: null,
      page: 1,
      q: 'milk',
    });
  });

  it('patches parameters, keeping the others and dropping defaults from the URL', async () => {
    const { page, router } = await open('/p?q=milk&page=3');
    await page.query.patch({ kind: 'stores', status: 'bad' });
    expect(router.url).toBe('/p?q=milk&page=3&kind=stores&status=bad');
    await page.query.patch({ kind: 'sales', page: 1, status: null });
    expect(router.url).toBe('/p?q=milk');
    expect(page.query.state()).toEqual({
      kind: 'sales',
      status: null,
      page: 1,
      q: 'milk',
    });
  });
});
