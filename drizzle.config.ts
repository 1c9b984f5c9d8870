import { defineConfig } from "drizzle-kit";

/** drizzle-kit only generates SQL; wrangler applies it (`wrangler d1 migrations apply`). */
export default defineConfig({
  dialect: "sqlite",
  // the core tables, and the table groups kept in their own files (they import the core, never the other way)
  schema: ["./src/db/schema.ts", "./src/db/schema/*.ts"],
  out: "./migrations",
});
