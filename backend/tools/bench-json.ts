/**
 * Reading bench results: the field list of every bench (bench-fields.json) and a check that a
 * result holds them. Shared by bench-check.ts (CI smoke run) and bench-docs.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchSpec {
  /** The npm command that produces bench-results/<name>.json. */
  command: string;
  /** `a.b` paths; `a[].b` means every element of the non-empty array `a` has `b`. */
  fields: string[];
}

export type BenchSpecs = Record<string, BenchSpec>;

export function loadBenchSpecs(
  file = join(__dirname, 'bench-fields.json'),
): BenchSpecs {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(raw).filter(([name]) => !name.startsWith('$')),
  ) as BenchSpecs;
}

/** The paths of `fields` that `value` lacks (undefined; null counts as present). */
export function missingFields(value: unknown, fields: string[]): string[] {
  return fields.filter((field) => !hasPath(value, field.split('.')));
}

function hasPath(value: unknown, parts: string[]): boolean {
  if (parts.length === 0) return value !== undefined;
  if (value === null || typeof value !== 'object') return false;
  const [head, ...rest] = parts;
  if (head.endsWith('[]')) {
    const list = (value as Record<string, unknown>)[head.slice(0, -2)];
    return (
      Array.isArray(list) &&
      list.length > 0 &&
      list.every((item) => hasPath(item, rest))
    );
  }
  return hasPath((value as Record<string, unknown>)[head], rest);
}
