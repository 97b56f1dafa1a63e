// One error shape for every response (docs/api.md): {error: {code, message, details?}}, with a message that
// says what happened and what to do. Unexpected errors are logged and never leak internals.
import type { NextFunction, Request, Response } from "express";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "../database/client";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, "not-found", `${what} was not found.`);

export function errorHandler(log: (line: string) => void) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const send = (status: number, code: string, message: string, details?: unknown) =>
      res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
    if (err instanceof HttpError) {
      const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfter) res.setHeader("Retry-After", String(retryAfter));
      return send(err.status, err.code, err.message, err.details);
    }
    if (err instanceof ZodError) {
      const details = err.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
      return send(400, "validation", `The request is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}.`, details);
    }
    const e = err as { type?: string; status?: number; limit?: number };
    if (e?.type === "entity.too.large") return send(413, "too-large", `The request is larger than ${Math.round((e.limit ?? 0) / 1024)} KB. Submit only your solution file.`);
    if (e?.type === "entity.parse.failed") return send(400, "malformed-json", "The request body is not valid JSON.");
    if (isDatabaseUnavailable(err)) return send(503, "database-unavailable", "The database is unavailable right now. Your work is not lost: try again in a minute.");
    log(`unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return send(500, "internal", "Something went wrong on our side. Try again; if it persists, tell your instructor.");
  };
}
