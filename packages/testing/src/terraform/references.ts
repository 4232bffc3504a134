import type { PlanResource } from "../plan";
import { SECRET_PLACEHOLDER } from "../plan";
import { snakeCase } from "./names";
import type { ResourceSchemas } from "./schema";

/**
 * A terraform expression whose value is unknown until apply, of any type: the id of a
 * `terraform_data` resource is known only after it is created, and `jsondecode` of an unknown
 * string is an unknown of the dynamic type, which converts to the type of any argument (a
 * conditional would not do: terraform folds `c ? null : null` to null). Stands for secrets and for
 * values that come from outputs the mocks do not give.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a terraform template, not a JavaScript one
export const UNKNOWN_EXPRESSION = "${jsondecode(terraform_data.unknown.id)}";
/** An unknown string, for the part of a longer string that is not known. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a terraform template, not a JavaScript one
const UNKNOWN_STRING = "${terraform_data.unknown.id}";
/** The resource the two expressions above read. */
export const UNKNOWN_SOURCE = { terraform_data: { unknown: {} } };

/**
 * Outputs of the default mock resources (mocks.ts), the attribute each stands for, and whether it
 * is replaced only as a whole value (a name is also ordinary text inside descriptions).
 */
function mockOutputs(r: PlanResource): [string, string, boolean][] {
  const typeName = r.type.split(":").pop() ?? r.type;
  const nameProp = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
  const input = r.inputs.name ?? r.inputs[nameProp];
  const name = typeof input === "string" ? input : r.name;
  const outputs: [string, string, boolean][] = [
    [`arn:aws:mock:${typeName.toLowerCase()}:${name}`, "arn", false],
    [`${name}-1234567890.elb.amazonaws.com`, "dns_name", false],
    [`app/${name}/0123456789abcdef`, "arn_suffix", false],
    [`targetgroup/${name}/0123456789abcdef`, "arn_suffix", false],
  ];
  if (r.readId === undefined) outputs.push([`${name}-id`, "id", true]);
  outputs.push([name, "name", true]);
  return outputs;
}

/** A mock output, the terraform expression it becomes, and whether only a whole value is replaced. */
export type Replacement = [string, string, boolean];

/** Where each converted resource is in the terraform configuration. */
export interface AddressBook {
  addressOf(urn: string): { address: string; tfType: string } | undefined;
}

/**
 * Replaces, in a value that Pulumi says came from other resources' outputs, each mock output of
 * those resources by a reference to the terraform attribute it stands for (unknown until apply, as
 * in a real preview). The whole string when it is one output; the part inside a longer string (an
 * ARN in a policy document) otherwise. A literal `${` is escaped so terraform reads it as text.
 */
export class ReferenceResolver {
  constructor(
    private readonly plan: Map<string, PlanResource>,
    private readonly book: AddressBook,
    private readonly schemas: ResourceSchemas,
  ) {}

  /**
   * The replacements for the value of `property` that depends on `urns`, longest mock value first.
   * Two resources can give the same mock value (a subnet and its route table association share a
   * name): the one whose type the property names (`subnetIds`, a subnet) comes first.
   */
  replacementsFor(property: string, urns: string[]): Replacement[] {
    const out: Replacement[] = [];
    const named = (urn: string) => {
      const tfType = this.book.addressOf(urn)?.tfType.replace(/^aws_/, "");
      return tfType && snakeCase(property).includes(tfType) ? 0 : 1;
    };
    for (const urn of [...urns].sort((a, b) => named(a) - named(b))) {
      const dep = this.plan.get(urn);
      if (!dep?.custom) continue;
      const at = this.book.addressOf(urn);
      const attributes = at ? this.schemas[at.tfType]?.block.attributes : undefined;
      for (const [mock, attribute, whole] of mockOutputs(dep)) {
        const known = at && (attribute === "id" || attributes?.[attribute]);
        out.push([mock, known ? `\${${at.address}.${attribute}}` : UNKNOWN_STRING, whole]);
      }
    }
    return out.sort((a, b) => b[0].length - a[0].length);
  }

  /** A string as a terraform template: mock outputs become references, the rest stays literal. */
  resolve(value: string, replacements: Replacement[]): string {
    if (value === SECRET_PLACEHOLDER) return UNKNOWN_EXPRESSION;
    for (const [mock, reference] of replacements) {
      if (value === mock) return reference;
    }
    let out = "";
    let i = 0;
    while (i < value.length) {
      const hit = replacements.find(([mock, , whole]) => !whole && value.startsWith(mock, i) && boundary(value, i, mock.length));
      if (hit) {
        out += hit[1];
        i += hit[0].length;
      } else {
        out += escapeChar(value, i);
        i += 1;
      }
    }
    return out.replace(/arn:aws:mock:[A-Za-z0-9:._-]+/g, UNKNOWN_STRING);
  }
}

/** Escapes a literal string for terraform's template syntax (`${` and `%{` start expressions). */
export function escapeTemplate(value: string): string {
  return value.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

function escapeChar(value: string, i: number): string {
  const c = value.charAt(i);
  if ((c === "$" || c === "%") && value.charAt(i + 1) === "{") return c + c;
  return c;
}

/** A mock output inside a longer string ends where a name could not go on. */
function boundary(value: string, start: number, length: number): boolean {
  const before = start === 0 ? "" : value.charAt(start - 1);
  const after = value.charAt(start + length);
  return !/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_.-]/.test(after);
}
