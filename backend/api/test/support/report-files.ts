import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A row of an XLSX sheet: the cell under each column of `T`. */
export type SheetRow<T> = { [K in keyof T]: ExcelJS.Cell };

/**
 * The records of a report CSV (its `# …` lines skipped), each a text cell per column; `T` names
 * the columns the test reads. `skipEmptyLines: false` makes a blank line in the file an error.
 */
export function csvRecords<T extends object = Record<string, string>>(
  text: string,
  skipEmptyLines = true,
): T[] {
  return parse(text, {
    comment: '#',
    columns: true,
    bom: true,
    skip_empty_lines: skipEmptyLines,
  }) as T[];
}

/** An XLSX file, loaded. */
export async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The rows under a sheet's header row, each a cell per header; `T` names the columns. */
export function sheetRows<T extends object = Record<string, string>>(
  wb: ExcelJS.Workbook,
  name: string,
): SheetRow<T>[] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: SheetRow<T>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Record<string, ExcelJS.Cell> = {};
    header.forEach((h, i) => (cells[h] = row.getCell(i + 1)));
    rows.push(cells as SheetRow<T>);
  });
  return rows;
}
