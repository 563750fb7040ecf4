// The OpenAPI 3.1 document served at /api/v1/openapi.json. Each feature contributes its
// own paths and component schemas (JSON Schema from its zod schemas via z.toJSONSchema),
// merged here so the document always describes exactly the mounted routes.

export interface OpenApiFragment {
  paths: Record<string, unknown>;
  schemas?: Record<string, unknown>;
}

const fragments: OpenApiFragment[] = [];

/** Called once per feature module at import time. */
export function registerOpenApi(fragment: OpenApiFragment): void {
  fragments.push(fragment);
}

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const f of fragments) {
    Object.assign(paths, f.paths);
    Object.assign(schemas, f.schemas ?? {});
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rootwork API',
      version,
      description: 'Anonymous staff survey submissions and study administration. Admin routes need `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/api/v1' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas,
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'An admin token from `rootwork admin create-token`.' } },
    },
  };
}
