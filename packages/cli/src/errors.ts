/** Error names that mean "the user's input is wrong": print the message alone, no stack trace. */
const USER_ERRORS = new Set(["SpecError", "UnsupportedError", "ConfigError", "CloudConfigError", "MissingSdkError"]);

/** The message to show for a user error, or undefined when the error is a defect. */
export function userMessage(err: unknown): string | undefined {
  if (!(err instanceof Error) || !USER_ERRORS.has(err.name)) return undefined;
  // Pulumi prefixes the message of an error thrown while serializing an input; the library keeps
  // its own wording in `summary`.
  const summary = (err as { summary?: unknown }).summary;
  return typeof summary === "string" ? summary : err.message;
}

export class UsageError extends Error {
  override name = "UsageError";
}
