import { CSV_FORMATS, IMPORT_KINDS } from '@shelfcast/contracts';
import {
  COLUMN_DESCRIPTIONS_ZH_CN,
  columnDescription,
} from './column-descriptions';

describe('CSV column descriptions', () => {
  it('has a Chinese text for exactly the columns of every import kind', () => {
    for (const kind of IMPORT_KINDS) {
      expect(Object.keys(COLUMN_DESCRIPTIONS_ZH_CN[kind]).sort()).toEqual(
        CSV_FORMATS[kind].map((c) => c.name).sort(),
      );
    }
  });

  it('uses the contract text in English and the Chinese one in zh-CN', () => {
    const column = CSV_FORMATS.sales[0];
    expect(columnDescription('en', 'sales', column)).toBe(column.description);
    expect(columnDescription('zh-CN', 'sales', column)).toBe('门店代码');
  });

  it('falls back to the contract text for a column it does not know', () => {
    const column = { name: 'new_column', description: 'Something new' };
    expect(columnDescription('zh-CN', 'sales', column)).toBe('Something new');
  });
});
