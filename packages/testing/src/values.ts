import { SECRET_PLACEHOLDER, UNKNOWN } from "./plan";

// The wire encodings of @pulumi/pulumi's RPC layer (sdk/nodejs/runtime/rpc.ts). They are part of
// Pulumi's protocol, stable across SDK versions, so we read them directly rather than through
// `deserializeProperties`, which would unwrap secrets that we must mask.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Turns a serialized property value into plain JSON for the plan: secrets become
 * {@link SECRET_PLACEHOLDER}, unknowns become {@link UNKNOWN}, resource references become the
 * referenced URN (translated by `urnOf` into the real engine's form).
 */
export function normalizeValue(value: unknown, urnOf: (urn: string) => string): unknown {
  if (value === UNKNOWN_VALUE) return { ...UNKNOWN };
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, urnOf));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[SIG_KEY]) {
    case SECRET_SIG:
      return SECRET_PLACEHOLDER;
    case RESOURCE_SIG:
      return typeof obj.urn === "string" ? urnOf(obj.urn) : obj.urn;
    case OUTPUT_VALUE_SIG:
      if (obj.secret === true) return SECRET_PLACEHOLDER;
      return "value" in obj ? normalizeValue(obj.value, urnOf) : { ...UNKNOWN };
    case ASSET_SIG:
    case ARCHIVE_SIG: {
      const { [SIG_KEY]: _sig, ...rest } = obj;
      return { asset: normalizeValue(rest, urnOf) };
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) out[key] = normalizeValue(obj[key], urnOf);
  return out;
}
