import { forecasting } from './forecasting';

describe('forecasting', () => {
  it('should work', () => {
    expect(forecasting()).toEqual('forecasting');
  });
});
