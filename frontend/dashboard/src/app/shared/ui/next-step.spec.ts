import { nextStep } from './next-step';

const planner = { import: true, train: true };
const manager = { import: false, train: false };
const fallback = { label: 'inventory.empty.action' as const, link: '/data' };

describe('nextStep', () => {
  it('sends a planner to import sales before anything else', () => {
    expect(
      nextStep({ hasSales: false, hasModel: false }, planner, fallback),
    ).toEqual({
      action: { label: 'next.importSales', link: '/data' },
      hint: null,
    });
  });

  it('sends a planner to train the first model once sales are in', () => {
    expect(
      nextStep({ hasSales: true, hasModel: false }, planner, fallback),
    ).toEqual({
      action: { label: 'next.trainFirst', link: '/models' },
      hint: null,
    });
  });

  it('tells a store manager who takes the step instead of offering a button', () => {
    expect(
      nextStep({ hasSales: false, hasModel: false }, manager, null),
    ).toEqual({ action: null, hint: 'next.askImport' });
    expect(
      nextStep({ hasSales: true, hasModel: false }, manager, null),
    ).toEqual({ action: null, hint: 'next.askTrain' });
  });

  it('keeps the page’s own step once sales and a model exist', () => {
    expect(
      nextStep({ hasSales: true, hasModel: true }, planner, fallback),
    ).toEqual({ action: fallback, hint: null });
  });
});
