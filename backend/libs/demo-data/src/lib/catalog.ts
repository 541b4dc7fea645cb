/**
 * Static catalogue of the synthetic retailer: regions, categories and their demand characteristics,
 * suppliers and the holiday/event calendar. Pure data plus a few builders; the random parts (which
 * product gets which category, prices, ...) live in generator.ts and are driven by the seeded Rng.
 */
import { dayFromYmd, easterSunday, nthWeekday, yearOf } from './calendar';

/** Demand "personality" of a category: drives weekly profile, holiday response and signal loadings. */
export type CategoryTag =
  | 'staple'
  | 'fresh'
  | 'party'
  | 'sweets'
  | 'summer'
  | 'nonfood';

export interface RegionSpec {
  name: string;
  timezone: string;
  cities: readonly string[];
}

export const REGIONS: readonly RegionSpec[] = [
  {
    name: 'Northeast',
    timezone: 'America/New_York',
    cities: ['Boston', 'Hartford', 'Albany', 'Providence', 'Newark'],
  },
  {
    name: 'Southeast',
    timezone: 'America/New_York',
    cities: ['Atlanta', 'Charlotte', 'Orlando', 'Savannah', 'Raleigh'],
  },
  {
    name: 'Midwest',
    timezone: 'America/Chicago',
    cities: ['Chicago', 'Madison', 'Omaha', 'Des Moines', 'Columbus'],
  },
  {
    name: 'Mountain',
    timezone: 'America/Denver',
    cities: ['Denver', 'Boise', 'Salt Lake City', 'Santa Fe', 'Cheyenne'],
  },
  {
    name: 'West',
    timezone: 'America/Los_Angeles',
    cities: ['Portland', 'Sacramento', 'San Diego', 'Seattle', 'Fresno'],
  },
];

export interface CategorySpec {
  path: string;
  /** Noun used in product names. */
  noun: string;
  tag: CategoryTag;
  brands: readonly string[];
  /** Regular shelf price range in USD. */
  price: readonly [number, number];
  /** Gross margin range (share of price). */
  margin: readonly [number, number];
  shelfLifeDays: number | null;
  casePacks: readonly number[];
  /** Amplitude (log scale) and peak day-of-year of the yearly cycle. */
  yearlyAmplitude: number;
  yearlyPeakDoy: number;
  /** Probability that a product of this category is an intermittent slow mover. */
  slowShare: number;
  /** Signal name with scope category that drives this category, if any. */
  searchSignal: boolean;
  suppliers: readonly string[];
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    path: 'beverages/juice/orange',
    noun: 'Orange Juice',
    tag: 'staple',
    brands: ['Sunvale', 'Grove Gold', 'Citrella'],
    price: [2.49, 5.99],
    margin: [0.22, 0.35],
    shelfLifeDays: 21,
    casePacks: [6, 12],
    yearlyAmplitude: 0.08,
    yearlyPeakDoy: 20,
    slowShare: 0.1,
    searchSignal: false,
    suppliers: ['SUP01', 'SUP02'],
  },
  {
    path: 'beverages/soft-drinks/cola',
    noun: 'Cola',
    tag: 'party',
    brands: ['Fizzco', 'Red Barrel', 'Polar Pop'],
    price: [0.99, 6.49],
    margin: [0.25, 0.4],
    shelfLifeDays: null,
    casePacks: [6, 12, 24],
    yearlyAmplitude: 0.18,
    yearlyPeakDoy: 190,
    slowShare: 0.1,
    searchSignal: false,
    suppliers: ['SUP02'],
  },
  {
    path: 'beverages/energy/energy-drinks',
    noun: 'Energy Drink',
    tag: 'party',
    brands: ['Voltline', 'Kickstart', 'Zenergy'],
    price: [1.79, 3.49],
    margin: [0.3, 0.45],
    shelfLifeDays: null,
    casePacks: [12, 24],
    yearlyAmplitude: 0.05,
    yearlyPeakDoy: 200,
    slowShare: 0.15,
    searchSignal: true,
    suppliers: ['SUP02'],
  },
  {
    path: 'dairy/milk/whole',
    noun: 'Whole Milk',
    tag: 'fresh',
    brands: ['Meadowbrook', 'Clover Hill'],
    price: [1.29, 4.29],
    margin: [0.15, 0.25],
    shelfLifeDays: 10,
    casePacks: [6, 12],
    yearlyAmplitude: 0.04,
    yearlyPeakDoy: 15,
    slowShare: 0.05,
    searchSignal: false,
    suppliers: ['SUP03'],
  },
  {
    path: 'dairy/yogurt/greek',
    noun: 'Greek Yogurt',
    tag: 'fresh',
    brands: ['Meadowbrook', 'Olympia', 'Clover Hill'],
    price: [0.99, 5.49],
    margin: [0.25, 0.4],
    shelfLifeDays: 21,
    casePacks: [6, 12],
    yearlyAmplitude: 0.1,
    yearlyPeakDoy: 10,
    slowShare: 0.2,
    searchSignal: false,
    suppliers: ['SUP03'],
  },
  {
    path: 'bakery/bread/sliced',
    noun: 'Sliced Bread',
    tag: 'fresh',
    brands: ['Hearthstone', 'Golden Crust'],
    price: [1.99, 4.99],
    margin: [0.2, 0.35],
    shelfLifeDays: 5,
    casePacks: [6, 12],
    yearlyAmplitude: 0.05,
    yearlyPeakDoy: 330,
    slowShare: 0.05,
    searchSignal: false,
    suppliers: ['SUP04'],
  },
  {
    path: 'produce/fruit/berries',
    noun: 'Berries',
    tag: 'summer',
    brands: ['Fieldfresh', 'Berry Lane'],
    price: [2.99, 6.99],
    margin: [0.25, 0.4],
    shelfLifeDays: 6,
    casePacks: [6, 12],
    yearlyAmplitude: 0.4,
    yearlyPeakDoy: 180,
    slowShare: 0.1,
    searchSignal: false,
    suppliers: ['SUP05'],
  },
  {
    path: 'snacks/chips/potato',
    noun: 'Potato Chips',
    tag: 'party',
    brands: ['Crunchers', 'Saltbox', 'Kettle Row'],
    price: [1.99, 4.99],
    margin: [0.3, 0.45],
    shelfLifeDays: null,
    casePacks: [12, 24],
    yearlyAmplitude: 0.1,
    yearlyPeakDoy: 35,
    slowShare: 0.15,
    searchSignal: false,
    suppliers: ['SUP06'],
  },
  {
    path: 'snacks/confectionery/chocolate',
    noun: 'Chocolate',
    tag: 'sweets',
    brands: ['Cocoa Bay', 'Velvetta', 'Noir & Co'],
    price: [0.99, 7.99],
    margin: [0.3, 0.5],
    shelfLifeDays: null,
    casePacks: [12, 24],
    yearlyAmplitude: 0.15,
    yearlyPeakDoy: 350,
    slowShare: 0.25,
    searchSignal: false,
    suppliers: ['SUP06'],
  },
  {
    path: 'frozen/desserts/ice-cream',
    noun: 'Ice Cream',
    tag: 'summer',
    brands: ['Polar Dream', 'Creamery 1902'],
    price: [2.99, 7.49],
    margin: [0.25, 0.4],
    shelfLifeDays: null,
    casePacks: [6, 12],
    yearlyAmplitude: 0.45,
    yearlyPeakDoy: 200,
    slowShare: 0.2,
    searchSignal: false,
    suppliers: ['SUP07'],
  },
  {
    path: 'household/cleaning/detergent',
    noun: 'Detergent',
    tag: 'nonfood',
    brands: ['Brightwash', 'Purex Plus', 'EcoClean'],
    price: [3.99, 14.99],
    margin: [0.25, 0.4],
    shelfLifeDays: null,
    casePacks: [6, 12],
    yearlyAmplitude: 0.03,
    yearlyPeakDoy: 100,
    slowShare: 0.35,
    searchSignal: false,
    suppliers: ['SUP08'],
  },
  {
    path: 'personal-care/oral/toothpaste',
    noun: 'Toothpaste',
    tag: 'nonfood',
    brands: ['Brightsmile', 'Mintfresh'],
    price: [1.99, 6.99],
    margin: [0.3, 0.5],
    shelfLifeDays: null,
    casePacks: [12, 24],
    yearlyAmplitude: 0.03,
    yearlyPeakDoy: 250,
    slowShare: 0.35,
    searchSignal: false,
    suppliers: ['SUP08'],
  },
  {
    path: 'personal-care/sun/sunscreen',
    noun: 'Sunscreen',
    tag: 'summer',
    brands: ['Solara', 'Beachguard'],
    price: [5.99, 14.99],
    margin: [0.35, 0.5],
    shelfLifeDays: null,
    casePacks: [6, 12],
    yearlyAmplitude: 0,
    yearlyPeakDoy: 180,
    slowShare: 0.3,
    searchSignal: true,
    suppliers: ['SUP08'],
  },
];

export interface SupplierSpec {
  code: string;
  name: string;
  leadTimeMeanDays: number;
  leadTimeSdDays: number;
  reviewPeriodDays: number;
}

export const SUPPLIERS: readonly SupplierSpec[] = [
  {
    code: 'SUP01',
    name: 'Citrus Valley Growers',
    leadTimeMeanDays: 4,
    leadTimeSdDays: 1,
    reviewPeriodDays: 3,
  },
  {
    code: 'SUP02',
    name: 'National Beverage Distributors',
    leadTimeMeanDays: 6,
    leadTimeSdDays: 1.5,
    reviewPeriodDays: 7,
  },
  {
    code: 'SUP03',
    name: 'Meadowbrook Dairy Co-op',
    leadTimeMeanDays: 2,
    leadTimeSdDays: 0.5,
    reviewPeriodDays: 1,
  },
  {
    code: 'SUP04',
    name: 'Hearthstone Bakeries',
    leadTimeMeanDays: 1,
    leadTimeSdDays: 0.3,
    reviewPeriodDays: 1,
  },
  {
    code: 'SUP05',
    name: 'Fieldfresh Produce',
    leadTimeMeanDays: 2,
    leadTimeSdDays: 0.8,
    reviewPeriodDays: 2,
  },
  {
    code: 'SUP06',
    name: 'Snackworks Wholesale',
    leadTimeMeanDays: 8,
    leadTimeSdDays: 2,
    reviewPeriodDays: 7,
  },
  {
    code: 'SUP07',
    name: 'Coldchain Frozen Foods',
    leadTimeMeanDays: 5,
    leadTimeSdDays: 1.5,
    reviewPeriodDays: 7,
  },
  {
    code: 'SUP08',
    name: 'Homecare Supply Partners',
    leadTimeMeanDays: 12,
    leadTimeSdDays: 3,
    reviewPeriodDays: 14,
  },
];

/** Sunday-first weekly profile per tag (normalised to mean 1 in generator). */
export const WEEKLY_PROFILE: Record<CategoryTag, readonly number[]> = {
  staple: [1.15, 0.85, 0.85, 0.9, 0.95, 1.1, 1.3],
  fresh: [1.1, 0.9, 0.88, 0.9, 0.95, 1.12, 1.3],
  party: [1.2, 0.7, 0.7, 0.8, 0.95, 1.35, 1.55],
  sweets: [1.15, 0.85, 0.85, 0.9, 0.95, 1.1, 1.3],
  summer: [1.25, 0.8, 0.8, 0.85, 0.95, 1.15, 1.4],
  nonfood: [1.1, 0.9, 0.9, 0.95, 1.0, 1.05, 1.2],
};

/** Demand loading on the global signals, per tag: multiplier exp(loading * standardised signal). */
export const CONFIDENCE_LOADING: Record<CategoryTag, number> = {
  staple: 0.03,
  fresh: 0.02,
  party: 0.22,
  sweets: 0.18,
  summer: 0.15,
  nonfood: 0.1,
};
/** Fuel price loading: fewer/larger trips when fuel is expensive. Per USD/gal above the mean. */
export const FUEL_LOADING = -0.22;
/** Demand elasticity with respect to the category search index ((index / mean) ^ loading). */
export const SEARCH_LOADING = 0.9;

export interface DemoEvent {
  name: string;
  type: 'holiday' | 'event' | 'promotion' | 'closure';
  start: number;
  end: number;
  scope: 'global' | 'region';
  scopeKey: string;
  /** Days before start over which the lift ramps up (pre-holiday shopping). */
  leadDays: number;
  /** Multiplier per tag at full effect; closures force zero demand. */
  lift: Partial<Record<CategoryTag, number>>;
  defaultLift: number;
}

/** Holidays and events of every year touching [fromDay, toDay]. */
export function buildEvents(fromDay: number, toDay: number): DemoEvent[] {
  const events: DemoEvent[] = [];
  const firstYear = yearOf(fromDay) - 1;
  const lastYear = yearOf(toDay) + 1;
  for (let year = firstYear; year <= lastYear; year++) {
    const easter = easterSunday(year);
    const thanksgiving = nthWeekday(year, 11, 4, 4);
    events.push(
      {
        name: "New Year's Day",
        type: 'holiday',
        start: dayFromYmd(year, 1, 1),
        end: dayFromYmd(year, 1, 1),
        scope: 'global',
        scopeKey: '',
        leadDays: 0,
        lift: { party: 0.8, nonfood: 0.5 },
        defaultLift: 0.6,
      },
      {
        name: "Valentine's Day",
        type: 'event',
        start: dayFromYmd(year, 2, 14),
        end: dayFromYmd(year, 2, 14),
        scope: 'global',
        scopeKey: '',
        leadDays: 4,
        lift: { sweets: 2.2 },
        defaultLift: 1,
      },
      {
        name: 'Easter',
        type: 'holiday',
        start: easter - 2,
        end: easter + 1,
        scope: 'global',
        scopeKey: '',
        leadDays: 6,
        lift: { sweets: 2.6, staple: 1.25, fresh: 1.3, party: 1.3 },
        defaultLift: 1.05,
      },
      {
        name: 'Memorial Day',
        type: 'holiday',
        start: nthWeekday(year, 5, 1, -1),
        end: nthWeekday(year, 5, 1, -1),
        scope: 'global',
        scopeKey: '',
        leadDays: 3,
        lift: { party: 1.5, summer: 1.4 },
        defaultLift: 1.05,
      },
      {
        name: 'Independence Day',
        type: 'holiday',
        start: dayFromYmd(year, 7, 4),
        end: dayFromYmd(year, 7, 4),
        scope: 'global',
        scopeKey: '',
        leadDays: 3,
        lift: { party: 1.9, summer: 1.6, staple: 1.15 },
        defaultLift: 1.05,
      },
      {
        name: 'Thanksgiving',
        type: 'holiday',
        start: thanksgiving,
        end: thanksgiving,
        scope: 'global',
        scopeKey: '',
        leadDays: 4,
        lift: {
          staple: 1.5,
          fresh: 1.6,
          party: 1.4,
          sweets: 1.3,
          nonfood: 0.9,
        },
        defaultLift: 1.2,
      },
      {
        name: 'Black Friday',
        type: 'event',
        start: thanksgiving + 1,
        end: thanksgiving + 1,
        scope: 'global',
        scopeKey: '',
        leadDays: 0,
        lift: { nonfood: 1.6, party: 1.3 },
        defaultLift: 1.15,
      },
      {
        name: 'Christmas',
        type: 'holiday',
        start: dayFromYmd(year, 12, 24),
        end: dayFromYmd(year, 12, 26),
        scope: 'global',
        scopeKey: '',
        leadDays: 7,
        lift: {
          sweets: 2.4,
          party: 1.8,
          staple: 1.45,
          fresh: 1.5,
          summer: 1.1,
          nonfood: 1.1,
        },
        defaultLift: 1.3,
      },
      {
        name: 'Christmas Day store closure',
        type: 'closure',
        start: dayFromYmd(year, 12, 25),
        end: dayFromYmd(year, 12, 25),
        scope: 'global',
        scopeKey: '',
        leadDays: 0,
        lift: {},
        defaultLift: 0,
      },
      {
        name: "New Year's Eve",
        type: 'event',
        start: dayFromYmd(year, 12, 31),
        end: dayFromYmd(year, 12, 31),
        scope: 'global',
        scopeKey: '',
        leadDays: 2,
        lift: { party: 2.2, sweets: 1.4, staple: 1.2 },
        defaultLift: 1.1,
      },
    );
    REGIONS.forEach((region, index) => {
      const start = dayFromYmd(year, 6 + index, 10 + index * 2);
      events.push({
        name: `${region.name} Regional Festival`,
        type: 'event',
        start,
        end: start + 2,
        scope: 'region',
        scopeKey: region.name,
        leadDays: 1,
        lift: { party: 1.7, summer: 1.5 },
        defaultLift: 1.2,
      });
    });
  }
  return events
    .filter((event) => event.end >= fromDay && event.start <= toDay)
    .sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
}
