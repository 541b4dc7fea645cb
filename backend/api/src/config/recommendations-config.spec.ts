import { loadRecommendationsConfig } from './recommendations-config';

describe('loadRecommendationsConfig: adjustment approval limits', () => {
  it('defaults to 3× the suggestion and 50,000 of order value', () => {
    const { errors, value } = loadRecommendationsConfig({});
    expect(errors).toEqual([]);
    expect(value.adjustmentLimits).toEqual({
      maxMultiple: 3,
      maxOrderValue: 50_000,
    });
  });

  it('reads both variables', () => {
    const { errors, value } = loadRecommendationsConfig({
      ADJUSTMENT_APPROVAL_MULTIPLE: '2.5',
      ADJUSTMENT_APPROVAL_VALUE: '12000',
    });
    expect(errors).toEqual([]);
    expect(value.adjustmentLimits).toEqual({
      maxMultiple: 2.5,
      maxOrderValue: 12_000,
    });
  });

  it('names invalid values', () => {
    const { errors } = loadRecommendationsConfig({
      ADJUSTMENT_APPROVAL_MULTIPLE: '0.5',
      ADJUSTMENT_APPROVAL_VALUE: 'lots',
    });
    expect(errors.join('\n')).toMatch(/ADJUSTMENT_APPROVAL_MULTIPLE/);
    expect(errors.join('\n')).toMatch(/ADJUSTMENT_APPROVAL_VALUE/);
  });
});
