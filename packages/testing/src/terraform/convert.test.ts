// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are terraform templates, not JavaScript ones
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { planOf, planResource, ref } from "../policy-fixtures";
import { convertPlan } from "./convert";
import { KNOWN_DIFFERENCES } from "./differences";
import { schemaField, snakeCase, terraformType } from "./names";
import type { ResourceSchemas } from "./schema";
import { serializeWithLines } from "./serialize";

// A few resource types as `terraform providers schema -json` describes them (v5.100), cut down to
// the fields the tests use.
const SCHEMAS: ResourceSchemas = {
  aws_lb: {
    block: {
      attributes: {
        name: { type: "string", optional: true, computed: true },
        name_prefix: { type: "string", optional: true, computed: true },
        subnets: { type: ["set", "string"], optional: true, computed: true },
        arn: { type: "string", computed: true },
        dns_name: { type: "string", computed: true },
      },
      block_types: {
        access_logs: { nesting_mode: "list", max_items: 1, block: { attributes: { bucket: { type: "string", required: true } } } },
      },
    },
  },
  aws_lb_listener: {
    block: {
      attributes: { load_balancer_arn: { type: "string", required: true }, arn: { type: "string", computed: true } },
      block_types: {
        default_action: {
          nesting_mode: "list",
          min_items: 1,
          block: { attributes: { type: { type: "string", required: true } } },
        },
      },
    },
  },
  aws_subnet: { block: { attributes: { vpc_id: { type: "string", required: true }, arn: { type: "string", computed: true } } } },
  aws_security_group: {
    block: {
      attributes: {
        name: { type: "string", optional: true, computed: true },
        ingress: {
          type: ["set", ["object", { from_port: "number", to_port: "number", cidr_blocks: ["list", "string"], self: "bool" }]],
          optional: true,
          computed: true,
        },
      },
    },
  },
  aws_cloudwatch_log_group: {
    block: { attributes: { name: { type: "string", optional: true, computed: true }, tags: { type: ["map", "string"], optional: true } } },
  },
  aws_load_balancer_policy: { block: { attributes: {} } },
  aws_lb_target_group: { block: { attributes: { name: { type: "string", optional: true, computed: true } } } },
  aws_s3_bucket: { block: { attributes: { bucket: { type: "string", optional: true, computed: true } } } },
  aws_lambda_function: { block: { attributes: { function_name: { type: "string", required: true } } } },
};

describe("terraform names", () => {
  it.each([
    ["aws:lb/loadBalancer:LoadBalancer", "aws_lb"],
    ["aws:lb/listener:Listener", "aws_lb_listener"],
    ["aws:ec2/subnet:Subnet", "aws_subnet"],
    ["aws:cloudwatch/logGroup:LogGroup", "aws_cloudwatch_log_group"],
    ["aws:ec2/securityGroup:SecurityGroup", "aws_security_group"],
  ])("GIVEN the token %s THEN the terraform type is %s", (token, tfType) => {
    expect(terraformType(token, SCHEMAS)).toBe(tfType);
  });

  it("GIVEN a token with no resource type in the schema THEN there is none", () => {
    expect(terraformType("aws:ec2/vpc:Vpc", SCHEMAS)).toBeUndefined();
  });

  it.each([
    ["ipv6CidrBlock", "ipv6_cidr_block"],
    ["vpcZoneIdentifiers", "vpc_zone_identifiers"],
    ["enableHttp2", "enable_http2"],
    ["loadBalancerArn", "load_balancer_arn"],
  ])("GIVEN %s THEN snake case is %s", (camel, snake) => {
    expect(snakeCase(camel)).toBe(snake);
  });

  it("GIVEN a pluralised block list THEN it finds the singular block, and a plural attribute stays plural", () => {
    const listener = SCHEMAS.aws_lb_listener?.block ?? {};
    expect(schemaField(listener, "defaultActions")).toMatchObject({ kind: "block", name: "default_action" });
    expect(schemaField(SCHEMAS.aws_lb?.block ?? {}, "subnets")).toMatchObject({ kind: "attribute", name: "subnets" });
    expect(schemaField(listener, "defaultActionz")).toBeUndefined();
  });
});

describe("convertPlan", () => {
  const subnet = planResource("aws:ec2/subnet:Subnet", "public-0", { vpcId: "${not.a.reference}" });
  const lb = planResource("aws:lb/loadBalancer:LoadBalancer", "api", {
    subnets: ref(subnet, ["public-0-id"]),
    accessLogs: { bucket: "logs" },
  });
  const plan = planOf([
    subnet,
    lb,
    planResource("aws:lb/listener:Listener", "https", {
      loadBalancerArn: ref(lb, "arn:aws:mock:loadbalancer:api"),
      defaultActions: [{ type: "forward" }],
    }),
    planResource("aws:ec2/securityGroup:SecurityGroup", "lb", {
      name: "[secret]",
      ingress: [{ fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    }),
    planResource("aws:cloudwatch/logGroup:LogGroup", "logs", { region: "eu-west-1", retentionInDays: 7, tags: { a: "b" } }),
  ]);
  const out = convertPlan(plan, SCHEMAS);
  const body = (type: string, name: string) => out.resources[type]?.[name] as Record<string, unknown>;

  it("GIVEN a flattened single block THEN it is a block list of one again", () => {
    expect(body("aws_lb", "api").access_logs).toEqual([{ bucket: "logs" }]);
  });

  it("GIVEN a value from another resource's output THEN it is a reference to that attribute, unknown as in a preview", () => {
    expect(body("aws_lb", "api").subnets).toEqual(["${aws_subnet.public-0.id}"]);
    expect(body("aws_lb_listener", "https").load_balancer_arn).toBe("${aws_lb.api.arn}");
  });

  it("GIVEN a literal ${ THEN it is escaped, not read as a terraform expression", () => {
    expect(body("aws_subnet", "public-0").vpc_id).toBe("$${not.a.reference}");
  });

  it("GIVEN a pluralised block list THEN it is the terraform block", () => {
    expect(body("aws_lb_listener", "https").default_action).toEqual([{ type: "forward" }]);
  });

  it("GIVEN a secret THEN it is an unknown value, never the placeholder text", () => {
    expect(body("aws_security_group", "lb").name).toBe("${jsondecode(terraform_data.unknown.id)}");
    expect(out.resources.terraform_data).toEqual({ unknown: {} });
  });

  it("GIVEN an object attribute (security group rules) THEN the attributes Pulumi leaves out are null", () => {
    expect(body("aws_security_group", "lb").ingress).toEqual([{ from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"], self: null }]);
  });

  it("GIVEN no name THEN the resource gets the auto-name Pulumi would give: the logical name, - and 7 hex characters", () => {
    expect(body("aws_lb", "api").name).toMatch(/^api-[0-9a-f]{7}$/);
    expect(body("aws_lb_listener", "https").name).toBeUndefined();
  });

  it("GIVEN a property with no argument in the schema THEN it is reported, and a known difference is left out", () => {
    expect(out.problems.map((p) => [p.urn, p.property, p.summary])).toEqual([
      [
        "urn:pulumi:test::test::aws:cloudwatch/logGroup:LogGroup::logs",
        "retentionInDays",
        "no argument of aws_cloudwatch_log_group for retentionInDays",
      ],
    ]);
    expect(body("aws_cloudwatch_log_group", "logs")).toEqual({ tags: { a: "b" }, name: expect.stringMatching(/^logs-/) });
  });

  it("GIVEN an output the mocks do not give (null in a value from another resource) THEN it is unknown, not null", () => {
    const record = planResource("aws:lb/loadBalancer:LoadBalancer", "dns", {});
    const one = convertPlan(
      planOf([record, planResource("aws:lb/loadBalancer:LoadBalancer", "uses", { subnets: ref(record, [null]) })]),
      SCHEMAS,
    );
    expect(one.resources.aws_lb?.uses).toMatchObject({ subnets: ["${jsondecode(terraform_data.unknown.id)}"] });
  });

  it("GIVEN resources pulumi-aws names its own way THEN the auto-name goes where it does, as it does", () => {
    const named = convertPlan(
      planOf([
        planResource("aws:s3/bucket:Bucket", "Logs", {}),
        planResource("aws:lambda/function:Function", "fn", {}),
        planResource("aws:lambda/function:Function", "given", { name: "given-name" }),
        planResource("aws:lb/targetGroup:TargetGroup", "a-target-group-name-of-25", {}),
      ]),
      SCHEMAS,
    );
    expect(named.resources.aws_s3_bucket?.Logs).toEqual({ bucket: expect.stringMatching(/^logs-[0-9a-f]{7}$/) });
    expect(named.resources.aws_lambda_function?.fn).toEqual({ function_name: expect.stringMatching(/^fn-[0-9a-f]{7}$/) });
    expect(named.resources.aws_lambda_function?.given).toEqual({ function_name: "given-name" });
    // The bridge caps target group auto-names at 32 and refuses a longer one itself.
    expect(named.resources.aws_lb_target_group?.["a-target-group-name-of-25"]).toEqual({});
    expect(named.problems.map((p) => [p.stage, p.property, p.summary])).toEqual([
      ["pulumi", "name (auto-named by Pulumi)", "name 'a-target-group-name-of-25-' plus 7 random chars is longer than maximum length 32"],
    ]);
  });

  it("GIVEN a type the schema does not have THEN it is reported, not dropped", () => {
    const other = convertPlan(planOf([planResource("aws:ec2/vpc:Vpc", "net", {})]), SCHEMAS);
    expect(other.problems.map((p) => p.summary)).toEqual(["no terraform-provider-aws resource type for aws:ec2/vpc:Vpc"]);
  });

  it("GIVEN the table of known differences THEN each row gives its reason with a source, and the README lists exactly these", () => {
    expect(KNOWN_DIFFERENCES.length).toBeGreaterThan(0);
    for (const d of KNOWN_DIFFERENCES) expect(d.reason).toMatch(/Source: /);
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Checking AWS plans"), readme.indexOf("\n## Components"));
    expect(section.length).toBeGreaterThan(100);
    const rows = [...section.matchAll(/^\|\s*(every type|`[a-z0-9_]+`)\s*\|\s*`([A-Za-z0-9]+)`\s*\|/gm)].map((m) => [
      m[1] === "every type" ? "*" : m[1]?.slice(1, -1),
      m[2],
    ]);
    expect(rows).toEqual(KNOWN_DIFFERENCES.map((d) => [d.tfType, d.property]));
  });
});

describe("serializeWithLines", () => {
  it("GIVEN a document THEN it prints as JSON.stringify does and tells the path at each line", () => {
    const doc = { resource: { aws_lb: { api: { name: "x", subnets: ["a", "b"] } } } };
    const { text, pathAt } = serializeWithLines(doc);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(pathAt(4)).toEqual(["resource", "aws_lb", "api"]);
    expect(pathAt(5)).toEqual(["resource", "aws_lb", "api", "name"]);
    expect(pathAt(8)).toEqual(["resource", "aws_lb", "api", "subnets", 1]);
  });
});
