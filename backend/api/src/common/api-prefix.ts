/** Every API route lives under /api. */
export const API_PREFIX = 'api';
