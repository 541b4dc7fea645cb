import { IMPORT_KINDS, ImportReport, isImportKind } from '@shelfcast/contracts';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportsService } from '../imports/imports.service';
import { cliArgs, cliContext, fail, showImportProgress } from './cli-context';

/** npm run import -- --kind sales --file sales.csv */
async function main(): Promise<void> {
  const args = cliArgs(process.argv.slice(2));
  const kind = args.get('kind') ?? '';
  const file = args.get('file') ?? '';
  if (!isImportKind(kind))
    fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  if (!file || !existsSync(file))
    fail(`--file must name an existing CSV file (got "${file}")`);
  const context = await cliContext();
  const stop = showImportProgress(context);
  let report: ImportReport;
  try {
    report = await context.get(ImportsService).importStream(
      kind,
      {
        stream: createReadStream(file),
        fileName: basename(file),
        totalBytes: statSync(file).size,
      },
      { userName: 'cli' },
    );
  } finally {
    stop();
    await context.close();
  }
  printReport(report);
  process.exit(report.status === 'succeeded' ? 0 : 1);
}

export function printReport(report: ImportReport): void {
  if (report.status === 'succeeded') {
    console.log(
      `Imported ${report.rowsImported} ${report.kind} rows from ${report.fileName} in ${report.durationMs} ms.`,
    );
    return;
  }
  console.error(
    `${report.fileName}: ${report.status}; nothing was imported. ${report.errorCount} errors:`,
  );
  for (const [reason, count] of Object.entries(report.errorsByReason))
    console.error(`  ${reason}: ${count}`);
  for (const e of report.errors.slice(0, 20)) {
    console.error(
      `  row ${e.row}${e.column ? `, ${e.column}` : ''}${e.value !== null ? ` "${e.value}"` : ''}: ${e.message}`,
    );
  }
  if (report.errorCount > 20)
    console.error(`  … and ${report.errorCount - 20} more`);
}

if (require.main === module) main().catch(fail);
