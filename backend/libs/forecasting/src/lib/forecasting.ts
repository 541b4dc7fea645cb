export function forecasting(): string {
  return 'forecasting';
}
