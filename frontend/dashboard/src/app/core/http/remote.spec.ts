import { HttpErrorResponse } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { toApiError } from './api-error';
import { remote } from './remote';

describe('remote', () => {
  function host<T>(load: () => import('rxjs').Observable<T>) {
    @Component({ template: '' })
    class Host {
      readonly data = remote(load);
    }
    return TestBed.createComponent(Host);
  }

  it('loads on creation and exposes the value', () => {
    const fixture = host(() => of([1, 2]));
    const data = fixture.componentInstance.data;
    expect(data.state()).toEqual({ status: 'ok', value: [1, 2] });
    expect(data.loading()).toBe(false);
  });

  it('keeps the last value while reloading and reports errors', () => {
    let calls = 0;
    const pending = new Subject<number>();
    const fixture = host(() => {
      calls++;
      return calls === 1
        ? of(1)
        : calls === 2
          ? pending
          : throwError(() => new HttpErrorResponse({ status: 503 }));
    });
    const data = fixture.componentInstance.data;
    data.reload();
    expect(data.state()).toEqual({ status: 'loading', value: 1 });
    pending.next(2);
    expect(data.value()).toBe(2);
    data.reload();
    expect(data.error()?.kind).toBe('server');
    expect(data.value()).toBe(2);
  });

  it('cancels the request when its component is destroyed', () => {
    const pending = new Subject<number>();
    const fixture = host(() => pending);
    fixture.destroy();
    expect(pending.observed).toBe(false);
  });
});

describe('toApiError', () => {
  it('classifies HTTP failures and keeps the server message', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).kind).toBe(
      'network',
    );
    expect(toApiError(new HttpErrorResponse({ status: 401 })).kind).toBe(
      'unauthorized',
    );
    expect(toApiError(new HttpErrorResponse({ status: 404 })).kind).toBe(
      'not-found',
    );
    const e = toApiError(
      new HttpErrorResponse({
        status: 400,
        error: { message: ['limit must be a number', 'x'] },
      }),
    );
    expect(e).toMatchObject({
      kind: 'client',
      status: 400,
      detail: 'limit must be a number; x',
    });
    expect(
      toApiError(
        new HttpErrorResponse({
          status: 502,
          error: '<html>bad gateway</html>',
        }),
      ).detail,
    ).toBeNull();
  });

  it('wraps other errors', () => {
    expect(toApiError(new Error('boom'))).toMatchObject({
      kind: 'unknown',
      detail: 'boom',
    });
  });
});
