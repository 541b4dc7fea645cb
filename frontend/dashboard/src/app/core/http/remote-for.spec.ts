import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { remoteFor } from './remote-for';

describe('remoteFor', () => {
  function setup(initial: { id: number } | null) {
    const params = signal(initial);
    const calls: number[] = [];
    let fail = false;
    @Component({ template: '' })
    class Host {
      readonly data = remoteFor(
        () => params(),
        (p: { id: number }) => {
          calls.push(p.id);
          return fail ? throwError(() => new Error('boom')) : of(`v${p.id}`);
        },
      );
    }
    const fixture = TestBed.createComponent(Host);
    return {
      fixture,
      params,
      calls,
      data: fixture.componentInstance.data,
      failNext: () => (fail = true),
    };
  }

  it('loads for the parameters and again when they change by value', async () => {
    const { fixture, params, calls, data } = setup({ id: 1 });
    await fixture.whenStable();
    expect(data.value()).toBe('v1');
    params.set({ id: 1 });
    await fixture.whenStable();
    expect(calls).toEqual([1]);
    params.set({ id: 2 });
    await fixture.whenStable();
    expect(calls).toEqual([1, 2]);
    expect(data.state()).toEqual({ status: 'ok', value: 'v2' });
  });

  it('makes no request for null parameters', async () => {
    const { fixture, calls, data } = setup(null);
    await fixture.whenStable();
    expect(calls).toEqual([]);
    expect(data.state()).toEqual({ status: 'ok', value: null });
  });

  it('keeps the last value on error and reloads on retry', async () => {
    const { fixture, calls, data, failNext } = setup({ id: 3 });
    await fixture.whenStable();
    failNext();
    data.reload();
    expect(data.error()).not.toBeNull();
    expect(data.value()).toBe('v3');
    expect(calls).toEqual([3, 3]);
  });

  it('shows loading while a request is in flight', async () => {
    const pending = new Subject<string>();
    @Component({ template: '' })
    class Host {
      readonly data = remoteFor(
        () => ({ a: 1 }),
        () => pending,
      );
    }
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(fixture.componentInstance.data.loading()).toBe(true);
    pending.next('x');
    expect(fixture.componentInstance.data.value()).toBe('x');
  });
});
