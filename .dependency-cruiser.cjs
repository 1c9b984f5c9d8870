/**
 * The layers of src/, checked by `npm test` (`npm run check:layers`).
 *
 *   src/index.ts, src/app.ts, src/scheduled.ts   entry
 *   src/routers/      the three routers: public pages, staff pages, API
 *   src/features/*    one folder per thing a person does; never imports another feature
 *   src/base/         the shared base: auth and roles, registration basics, events, stats, OpenAPI helpers, views kit
 *   src/lib/ src/db/ src/i18n/   pure helpers, the schema, the message catalogue
 *
 * Imports run down this list only. Type-only imports count (tsPreCompilationDeps).
 * Cycles between folders (each folder apart, src/base/auth apart from src/base) are checked by
 * scripts/check-layers.mjs on the same graph.
 * client/ is browser code: it imports nothing from src/, and src/ nothing from it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules import each other in a loop.",
      from: { path: "^(src|client)/" },
      to: { circular: true },
    },
    {
      name: "feature-imports-no-other-feature",
      severity: "error",
      comment: "A feature never imports another feature: what two features need moves down into src/base.",
      from: { path: "^src/features/([^/]+)/" },
      to: { path: "^src/features/", pathNot: "^src/features/$1/" },
    },
    {
      name: "features-import-down",
      severity: "error",
      comment: "Features are mounted by the routers, never the other way round.",
      from: { path: "^src/features/" },
      to: { path: "^src/(routers/|app|index|scheduled)" },
    },
    {
      name: "routers-import-down",
      severity: "error",
      from: { path: "^src/routers/" },
      to: { path: "^src/(app|index|scheduled)" },
    },
    {
      name: "base-imports-down",
      severity: "error",
      comment: "The shared base serves the features; it knows none of them.",
      from: { path: "^src/base/" },
      to: { path: "^src/(features|routers)/|^src/(app|index|scheduled)\\." },
    },
    {
      name: "bottom-layer-imports-nothing-above",
      severity: "error",
      comment: "lib/, db/ and i18n/ are the floor: lib imports only lib; db only db, lib and i18n (message keys of the JSON column schemas); i18n only i18n.",
      from: { path: "^src/(lib|db|i18n)/" },
      to: { path: "^src/(base|features|routers)/|^src/(app|index|scheduled)\\." },
    },
    {
      name: "lib-knows-no-language-or-schema",
      severity: "error",
      comment: "lib/ holds pure helpers: no message catalogue, no database schema.",
      from: { path: "^src/lib/" },
      to: { path: "^src/(i18n|db)/" },
    },
    {
      name: "i18n-is-a-leaf",
      severity: "error",
      from: { path: "^src/i18n/" },
      to: { path: "^src/(lib|db)/" },
    },
    {
      name: "views-touch-no-database",
      severity: "error",
      comment: "Markup gets its data passed in: views import no database client or query builder (types of rows are fine).",
      from: { path: "(^src/base/views/|\\.views\\.tsx$)" },
      to: { path: "(^src/db/client|node_modules/drizzle-orm)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "browser-code-stays-in-client",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^client/" },
    },
    {
      name: "client-imports-no-worker-code",
      severity: "error",
      from: { path: "^client/" },
      to: { path: "^src/" },
    },
    {
      name: "no-test-code-in-the-app",
      severity: "error",
      from: { path: "^(src|client)/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^node_modules" },
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: false,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
