/**
 * The API's layering, checked by `import-x/no-restricted-paths` (see eslint.config.mjs):
 * shared folders never import a feature, and a feature imports another feature only along an
 * edge listed in ALLOWED_FEATURE_EDGES. `app/` and `cli/` are composition roots and may import
 * anything; nothing imports them back.
 */

/** Folders every feature may use; they import only each other (never a feature). */
export const SHARED_FOLDERS = ['common', 'config', 'database'];

/** Composition roots: they wire features together (modules, entity list, CLI commands). */
export const ROOT_FOLDERS = ['app', 'cli'];

/**
 * The cross-feature imports that remain, each with why it is the dependency's public surface
 * rather than an internal. A new edge fails lint until it is added here (or the shared piece
 * moves down to common/ or database/).
 */
export const ALLOWED_FEATURE_EDGES = {
  // The audit log is a service every writing feature records to (AuditModule is global).
  affinity: ['audit'],
  auth: ['audit', 'users'], // sign-in looks up users; auth depends on users, never back
  catalog: ['audit'], // a planner's change of a store's policy setting is audited
  users: ['audit', 'catalog'], // store assignments reference catalog stores
  imports: ['audit', 'privacy', 'realized'], // hashes customer ids; announces covered sales days
  overrides: ['audit'],
  training: ['audit'],
  data: ['imports'], // data management reports import progress
  demo: ['affinity', 'imports'], // the demo seeder drives the real import and mining paths
  forecasts: ['overrides', 'training'], // series view = run metrics + overrides
  notifications: ['training'], // a failed-run alert reads the run (ForecastRun)
  realized: ['notifications', 'training'], // freezes the promoted run's forecasts, raises drift alerts
  recommendations: ['audit', 'overrides'], // policy over the forecast with its overrides
  reports: ['audit', 'overrides', 'recommendations', 'training'], // reports render their rows (run WAPEs)
  // replays the served policy on the recommendations' inputs after the promotion's first step
  'policy-proof': ['recommendations'],
};

/**
 * Zones for `import-x/no-restricted-paths`, with `srcDir` the folder holding the features (relative
 * to backend/api) and `allowed` the permitted cross-feature edges.
 */
export function layeringZones(
  srcDir,
  features,
  allowed = ALLOWED_FEATURE_EDGES,
) {
  const message =
    'crosses the API layering (backend/api/layering.mjs): move the shared piece down to common/ or database/, or list the edge with a reason';
  return [
    ...SHARED_FOLDERS.map((shared) => ({
      target: `${srcDir}/${shared}`,
      from: [...features, ...ROOT_FOLDERS].map((f) => `${srcDir}/${f}`),
      message,
    })),
    ...features.map((feature) => ({
      target: `${srcDir}/${feature}`,
      from: [...features, ...ROOT_FOLDERS]
        .filter((f) => f !== feature && !(allowed[feature] ?? []).includes(f))
        .map((f) => `${srcDir}/${f}`),
      message,
    })),
  ].filter((zone) => zone.from.length > 0);
}
