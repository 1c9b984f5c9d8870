/** Types of the test bindings (vitest.config.ts) and of the main module, for `cloudflare:workers`. */
import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env as AppBindings } from "../src/base/context/env";

declare global {
  namespace Cloudflare {
    interface Env extends AppBindings {
      EMPTY_DB: D1Database;
      MIGRATION_DB: D1Database;
      TEST_PREVIOUS_RELEASE_SQL: string;
      TEST_WRANGLER_TOML: string;
      TEST_MIGRATIONS: D1Migration[];
      TEST_SEED_SQL: string;
      /** the static scripts pages load (public/, built by vitest.config.ts): path → text */
      TEST_STATIC: Record<string, string>;
    }
    interface GlobalProps {
      mainModule: typeof import("../src/index");
    }
  }
}
