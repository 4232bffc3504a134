import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GITHUB_COMMENT_LIMIT, PREVIEW_MARKER } from "./preview-comment";
import { repositoryPreviewWorkflow } from "./workflows";

// The comment job's script, taken from the generated workflow and run as actions/github-script runs
// it (an async function of require, github, context and core), against a fake GitHub API.

const STACKS = ["aws-dev", "gcp-dev", "azure-dev"];
type StepDoc = { uses?: string; env?: Record<string, string>; with?: { script?: string } };
const commentStep = (parse(repositoryPreviewWorkflow(STACKS)) as { jobs: { comment: { steps: StepDoc[] } } }).jobs.comment.steps[1];
const SCRIPT = commentStep?.with?.script ?? "";

interface Call {
  method: string;
  args: Record<string, unknown>;
}

interface Fake {
  calls: Call[];
  summary: string[];
  logs: string[];
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Diff files as the offline jobs leave them. */
function diffDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-"));
  dirs.push(dir);
  for (const [stack, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, `diff-${stack}.md`), text);
  return dir;
}

const PR = { number: 7, head: { sha: "0123456789abcdef", repo: { full_name: "acme/platform" } } };

async function runScript(
  dir: string,
  options: { pr?: unknown; comments?: unknown[]; failWith?: { status: number; message: string } } = {},
): Promise<Fake> {
  const fake: Fake = { calls: [], summary: [], logs: [] };
  const call = (method: string) => async (args: Record<string, unknown>) => {
    fake.calls.push({ method, args });
    if (options.failWith && method !== "listComments") throw Object.assign(new Error(options.failWith.message), options.failWith);
    return { data: { html_url: "https://github.com/acme/platform/pull/7#issuecomment-1" } };
  };
  const listComments = call("listComments");
  const github = {
    rest: { issues: { listComments, createComment: call("createComment"), updateComment: call("updateComment") } },
    paginate: async (fn: unknown, args: Record<string, unknown>) => {
      expect(fn).toBe(listComments);
      await listComments(args);
      return options.comments ?? [];
    },
  };
  const context = {
    repo: { owner: "acme", repo: "platform" },
    serverUrl: "https://github.com",
    runId: 42,
    sha: "fedcba9876543210",
    payload: options.pr === undefined ? { pull_request: PR } : { pull_request: options.pr },
  };
  const core = {
    summary: {
      addRaw(text: string) {
        fake.summary.push(text);
        return this;
      },
      write: async () => undefined,
    },
    info: (m: string) => fake.logs.push(`info: ${m}`),
    notice: (m: string) => fake.logs.push(`notice: ${m}`),
    warning: (m: string) => fake.logs.push(`warning: ${m}`),
  };
  const env = { ...commentStep?.env, PREVIEW_DIR: dir };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...a: unknown[]) => Promise<void>;
    await new AsyncFunction("require", "github", "context", "core", SCRIPT)(require, github, context, core);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return fake;
}

const diff = (stack: string, body = "No changes.") =>
  `### mlops diff: mlops-platform/${stack}\n\n${body}\n\n| plan | policies | diff |\n| --- | --- | --- |\n| success | success | success |\n`;
const bodyOf = (fake: Fake) => String(fake.calls.find((c) => c.method !== "listComments")?.args.body ?? "");

describe("the preview comment script", () => {
  it("GIVEN a script THEN it came out of the workflow", () => {
    expect(commentStep?.uses).toMatch(/^actions\/github-script@/);
    expect(SCRIPT).toContain(PREVIEW_MARKER);
  });

  it("GIVEN no comment yet THEN one is created: the marker first, every stack in the workflow's order, a missing one said", async () => {
    const fake = await runScript(diffDir({ "azure-dev": diff("azure-dev"), "aws-dev": diff("aws-dev", "**1 to create**") }));
    expect(fake.calls.map((c) => c.method)).toEqual(["listComments", "createComment"]);
    expect(fake.calls[1]?.args).toMatchObject({ owner: "acme", repo: "platform", issue_number: 7 });
    const body = bodyOf(fake);
    expect(body.startsWith(`${PREVIEW_MARKER}\n## mlops preview\n`)).toBe(true);
    expect(body).toContain("at 0123456");
    const headings = body.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual(["### mlops diff: mlops-platform/aws-dev", "### gcp-dev", "### mlops diff: mlops-platform/azure-dev"]);
    expect(body).toContain("No result: the stack's job stopped before its diff");
    expect(fake.summary).toEqual([body]);
  });

  it("GIVEN its earlier comment THEN that comment is updated in place, and a person's comment quoting the marker is left alone", async () => {
    const comments = [
      { id: 1, user: { type: "User" }, body: `${PREVIEW_MARKER} quoted by a person` },
      { id: 2, user: { type: "Bot" }, body: `${PREVIEW_MARKER}\n## mlops preview\nold` },
    ];
    const fake = await runScript(diffDir({ "aws-dev": diff("aws-dev") }), { comments });
    expect(fake.calls.map((c) => c.method)).toEqual(["listComments", "updateComment"]);
    expect(fake.calls[1]?.args.comment_id).toBe(2);
  });

  it("GIVEN a diff that failed THEN its outcome table is shown under the stack's name", async () => {
    const failed = "\n\n| plan | policies | diff |\n| --- | --- | --- |\n| success | failure | failure |\n";
    const body = bodyOf(await runScript(diffDir({ "gcp-dev": failed })));
    expect(body).toContain("### gcp-dev\n\n| plan | policies | diff |");
  });

  it("GIVEN three diffs of 60,000 characters THEN the comment fits GitHub's limit, each stack keeps its heading, open blocks are closed", async () => {
    const long = (stack: string) => {
      const lines = Array.from({ length: 2000 }, (_, i) => `- \`~\` update **r${i}** of ${stack}`).join("\n");
      return `### mlops diff: mlops-platform/${stack}\n\n<details><summary>Resources</summary>\n\n${lines}\n</details>\n`.slice(0, 60_000);
    };
    const fake = await runScript(diffDir(Object.fromEntries(STACKS.map((s) => [s, long(s)]))));
    const body = bodyOf(fake);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    // Shared evenly, not the first stack taking it all.
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000);
    for (const stack of STACKS) {
      expect(body).toContain(`### mlops diff: mlops-platform/${stack}`);
      expect(body).toContain(`the whole diff is the artifact diff-${stack} of [the run](https://github.com/acme/platform/actions/runs/42)`);
    }
    expect(body.match(/<details>/g)?.length).toBe(3);
    expect(body.match(/<\/details>/g)?.length).toBe(3);
  });

  it("GIVEN one long diff and short ones THEN the short ones are whole and the long one takes the rest", async () => {
    const short = diff("aws-dev");
    const long = `### mlops diff: mlops-platform/gcp-dev\n\n${"x".repeat(100)}\n`.repeat(1000);
    const body = bodyOf(await runScript(diffDir({ "aws-dev": short, "gcp-dev": long, "azure-dev": diff("azure-dev") })));
    expect(body).toContain(short.trim());
    expect(body).toContain(diff("azure-dev").trim());
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 200);
  });

  it("GIVEN a pull request from a fork THEN no API call: the preview goes to the job summary with a notice", async () => {
    const fork = { ...PR, head: { ...PR.head, repo: { full_name: "someone/platform" } } };
    const fake = await runScript(diffDir({ "aws-dev": diff("aws-dev") }), { pr: fork });
    expect(fake.calls).toEqual([]);
    expect(fake.summary[0]).toContain("### mlops diff: mlops-platform/aws-dev");
    expect(fake.logs.some((l) => l.startsWith("notice: A pull request from a fork"))).toBe(true);
  });

  it("GIVEN a read-only token (403) THEN a warning, the summary holds the preview, and the step does not fail", async () => {
    const fake = await runScript(diffDir({ "aws-dev": diff("aws-dev") }), {
      failWith: { status: 403, message: "Resource not accessible by integration" },
    });
    expect(fake.logs).toContain(
      "warning: The token may not comment here (Resource not accessible by integration): the preview is in the job summary.",
    );
    expect(fake.summary).toHaveLength(1);
  });

  it("GIVEN any other API error THEN the step fails", async () => {
    await expect(runScript(diffDir({}), { failWith: { status: 500, message: "Server Error" } })).rejects.toThrow("Server Error");
  });

  it("GIVEN a manual run (no pull request) THEN the summary only", async () => {
    const fake = await runScript(diffDir({ "aws-dev": diff("aws-dev") }), { pr: null });
    expect(fake.calls).toEqual([]);
    expect(fake.summary[0]).toContain("at fedcba9");
  });
});
