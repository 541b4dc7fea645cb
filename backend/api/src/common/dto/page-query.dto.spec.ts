import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuditQueryDto } from '../../audit/dto/audit-query.dto';
import { ProductQueryDto } from '../../catalog/dto/product-query.dto';
import { RecommendationQueryDto } from '../../recommendations/dto/recommendation-filters.dto';
import { PageQueryDto } from './page-query.dto';

type Dto = new () => { limit: number; offset: number };

/** What the global ValidationPipe does with a query string: transform, then validate strictly. */
async function check(dto: Dto, query: Record<string, string>) {
  const value = plainToInstance(dto, query);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return {
    value,
    messages: errors.flatMap((e) => Object.values(e.constraints ?? {})),
  };
}

describe.each<[string, Dto, number]>([
  ['PageQueryDto', PageQueryDto, 50],
  ['ProductQueryDto', ProductQueryDto, 50],
  ['AuditQueryDto', AuditQueryDto, 100],
  ['RecommendationQueryDto', RecommendationQueryDto, 50],
])('%s paging', (_name, dto, defaultLimit) => {
  it(`defaults to limit ${defaultLimit}, offset 0`, async () => {
    const { value, messages } = await check(dto, {});
    expect(messages).toEqual([]);
    expect(value.limit).toBe(defaultLimit);
    expect(value.offset).toBe(0);
  });

  it('turns query-string numbers into numbers', async () => {
    const { value, messages } = await check(dto, { limit: '7', offset: '14' });
    expect(messages).toEqual([]);
    expect(value.limit).toBe(7);
    expect(value.offset).toBe(14);
  });

  it('refuses a limit outside 1..500 and a negative or fractional offset', async () => {
    expect((await check(dto, { limit: '501' })).messages).toEqual([
      'limit must not be greater than 500',
    ]);
    expect((await check(dto, { limit: '0' })).messages).toEqual([
      'limit must not be less than 1',
    ]);
    expect((await check(dto, { offset: '-1' })).messages).toEqual([
      'offset must not be less than 0',
    ]);
    expect((await check(dto, { offset: '1.5' })).messages).toEqual([
      'offset must be an integer number',
    ]);
  });
});

describe('RecommendationQueryDto', () => {
  it('keeps its filters and sort next to the paging', async () => {
    const { value, messages } = await check(RecommendationQueryDto, {
      store: 'S001',
      sort: 'sku',
      order: 'desc',
      limit: '20',
    });
    expect(messages).toEqual([]);
    expect(value).toMatchObject({
      store: 'S001',
      sort: 'sku',
      order: 'desc',
      limit: 20,
      offset: 0,
    });
    expect(
      (await check(RecommendationQueryDto, { risk: 'maybe' })).messages,
    ).toHaveLength(1);
    expect(
      (await check(RecommendationQueryDto, { pageSize: '3' })).messages,
    ).toEqual(['property pageSize should not exist']);
  });
});
