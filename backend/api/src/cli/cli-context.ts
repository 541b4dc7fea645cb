import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ImportProgress } from '@shelfcast/contracts';
import { AppModule } from '../app/app.module';
import { loadConfig } from '../config/app-config';
import { ImportProgressService } from '../imports/import-progress.service';

/** The API's modules without HTTP, for command-line tools that reuse its services. */
export async function cliContext(): Promise<INestApplicationContext> {
  const config = loadConfig(process.env);
  return NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
}

/** Parses `--name value` pairs. */
export function cliArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      const hasValue = next !== undefined && !next.startsWith('--');
      args.set(a.slice(2), hasValue ? next : 'true');
      if (hasValue) i++;
    }
  }
  return args;
}

/** Draws import progress on stderr: a bar on a terminal, a line every few seconds otherwise. */
export function showImportProgress(
  context: INestApplicationContext,
): () => void {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const sub = context
    .get(ImportProgressService)
    .events.subscribe((p: ImportProgress) => {
      const pct = p.fraction === null ? null : Math.round(p.fraction * 100);
      const bar =
        pct === null
          ? ''
          : `[${'#'.repeat(Math.round(pct / 4)).padEnd(25, '.')}] ${String(pct).padStart(3)}% `;
      const text = `${p.kind} ${bar}${p.rows.toLocaleString('en')} rows, ${p.rowsPerSecond.toLocaleString('en')} rows/s${p.errorCount ? `, ${p.errorCount} errors` : ''}`;
      if (tty)
        process.stderr.write(
          `\r${text}\x1b[K${p.status === 'running' ? '' : '\n'}`,
        );
      else if (p.status !== 'running' || Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        process.stderr.write(`${text}\n`);
      }
    });
  return () => sub.unsubscribe();
}

export function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
