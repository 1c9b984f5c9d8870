import type { TestProject } from "vitest/node";
import { startLocalServer } from "./local-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}

/** One real server for all browser tests. */
export default async function setup(project: TestProject) {
  const server = await startLocalServer();
  project.provide("baseUrl", server.url);
  project.provide("adminToken", server.adminToken);
  return server.stop;
}
