import { describe, expect, it } from "vitest";
import { call } from "../helpers";

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every API route", async () => {
    const res = await call("/api/v1/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = await res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((verb) => `${verb.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      [
        "DELETE /registrations/{id}",
        "DELETE /staff/{id}",
        "GET /events",
        "GET /events/{slug}",
        "GET /events/{slug}/booths",
        "GET /events/{slug}/leads",
        "GET /events/{slug}/leads.csv",
        "GET /events/{slug}/leads.xlsx",
        "GET /leads/{id}",
        "PATCH /leads/{id}",
        "GET /staff",
        "PATCH /events/{slug}",
        "POST /events",
        "POST /events/{slug}/booths",
        "POST /staff",
        "POST /events/{slug}/checkins",
        "POST /events/{slug}/checkins/{id}/undo",
        "GET /events/{slug}/attendees",
        "POST /events/{slug}/walkins",
        "GET /events/{slug}/messages",
        "GET /events/{slug}/tickets/digests",
        "GET /events/{slug}/stats",
        "GET /events/{slug}/conflicts",
        "POST /events/{slug}/conflicts/{id}/resolve",
        "POST /events/{slug}/kiosks",
        "POST /events/{slug}/pairings",
        "GET /events/{slug}/devices",
        "GET /events/{slug}/kiosks",
        "DELETE /events/{slug}/devices/{id}",
        "DELETE /events/{slug}/kiosks/{id}",
        // sponsored cover: programmes, their file, a lead's place and enrollment record, the contribution tables
        "GET /events/{slug}/programmes",
        "POST /events/{slug}/programmes",
        "POST /programmes",
        "GET /programmes/{id}",
        "PATCH /programmes/{id}",
        "GET /programmes/{id}/workers.csv",
        "GET /programmes/{id}/workers.xlsx",
        "GET /programmes/{id}/summary.csv",
        "GET /leads/{id}/enrollment",
        "PUT /leads/{id}/enrollment",
        "POST /leads/{id}/allocation",
        "DELETE /leads/{id}/allocation",
        "GET /contributions",
        "GET /contributions/breakdown",
        "POST /contributions/rates",
        "PUT /contributions/rates/{id}",
        "DELETE /contributions/rates/{id}",
        "POST /contributions/bands",
        "PUT /contributions/bands/{id}",
        "DELETE /contributions/bands/{id}",
        "POST /contributions/discounts",
        "PUT /contributions/discounts/{id}",
        "DELETE /contributions/discounts/{id}",
      ].sort(),
    );
    const post = doc.paths["/events"]!.post as { requestBody: { content: Record<string, { schema: unknown }> } };
    expect(JSON.stringify(post.requestBody.content["application/json"]!.schema)).toContain("EventCreate");
  });
});
