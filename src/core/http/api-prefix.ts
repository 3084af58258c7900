/** Every documented route lives under this path (the health probes are rewritten into it). */
export const API_PREFIX = 'api/v1';
