// Errors a synth fails with, where the real engine would fail too.

/** The same URN registered twice: the real engine refuses the program, and so does this one. */
export class DuplicateUrnError extends Error {
  override name = "DuplicateUrnError";
  constructor(readonly urn: string) {
    // The engine's own words (pulumi/pulumi pkg/diag/errors.go, GetDuplicateResourceURNError).
    super(`Duplicate resource URN '${urn}'; try giving it a unique name`);
  }
}
