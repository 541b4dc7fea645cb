import { shapleyValues } from './drivers';

describe('shapleyValues', () => {
  it('splits a two-player game by hand: v(∅)=1, v(a)=4, v(b)=2, v(ab)=7', () => {
    // a: ½(4 − 1) + ½(7 − 2) = 4; b: ½(2 − 1) + ½(7 − 4) = 2; they sum to v(ab) − v(∅) = 6.
    const v = [1, 4, 2, 7];
    expect(Array.from(shapleyValues(2, (s) => v[s]))).toEqual([4, 2]);
  });
});
