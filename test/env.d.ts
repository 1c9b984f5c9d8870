import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends import("../src/env").Env {
      EMPTY_DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      TEST_SEED_SQL: string;
    }
  }
}
export type TestEnv = Env;
