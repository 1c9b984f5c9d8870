/** Builds the static assets into public/ (see build-assets.mjs). */
export function buildAssets(): Promise<void>;
