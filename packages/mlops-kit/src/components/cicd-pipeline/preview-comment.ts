// The script the repository preview's comment job gives actions/github-script (v7: `github` is an
// authenticated Octokit, `context` the event, `core` @actions/core, `require` Node's). Plain
// JavaScript in a string: it runs on the runner, not in this library. It avoids backticks and
// template placeholders so that it reads the same here and in the YAML.

/** Finds the preview comment among a pull request's comments: the first line is this marker. */
export const PREVIEW_MARKER = "<!-- mlops-kit:preview -->";

/** GitHub refuses an issue or pull request comment body over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Environment the script reads: the stacks in order (JSON) and the directory holding `diff-<stack>.md`. */
export const PREVIEW_ENV = { stacks: "PREVIEW_STACKS", dir: "PREVIEW_DIR" } as const;

export const PREVIEW_COMMENT_SCRIPT = `const fs = require("fs");
const path = require("path");
const MARKER = ${JSON.stringify(PREVIEW_MARKER)};
const LIMIT = ${GITHUB_COMMENT_LIMIT};
const stacks = JSON.parse(process.env.${PREVIEW_ENV.stacks});
const dir = process.env.${PREVIEW_ENV.dir};
const repo = { owner: context.repo.owner, repo: context.repo.repo };
const runUrl = context.serverUrl + "/" + repo.owner + "/" + repo.repo + "/actions/runs/" + context.runId;
const pr = context.payload.pull_request;
const sha = pr ? pr.head.sha : context.sha;

// A diff cut short must still render: close an open code fence and open <details>, and say where the rest is.
function trim(text, room, stack) {
  if (text.length <= room) return text;
  const note = "\\n\\n_Trimmed to fit GitHub's comment limit: the whole diff is the artifact diff-" + stack + " of [the run](" + runUrl + ")._";
  let keep = room - note.length;
  while (keep > 0) {
    let cut = text.slice(0, keep);
    const newline = cut.lastIndexOf("\\n");
    if (newline > 0) cut = cut.slice(0, newline);
    const fences = (cut.match(/^\\x60\\x60\\x60/gm) || []).length;
    const open = (cut.match(/<details>/g) || []).length - (cut.match(/<\\/details>/g) || []).length;
    const closing = (fences % 2 === 1 ? "\\n\\x60\\x60\\x60" : "") + "\\n</details>".repeat(Math.max(0, open));
    const result = cut + closing + note;
    if (result.length <= room) return result;
    keep -= result.length - room;
  }
  return note.trim().slice(0, Math.max(0, room));
}

const head = [
  MARKER,
  "## mlops preview",
  "",
  "Each stack planned offline at " + sha.slice(0, 7) + ", checked against the policy packs and compared with the base branch. Nothing was deployed. Logs and whole diffs: [the run](" + runUrl + ").",
].join("\\n");
const sections = stacks.map(function (stack) {
  const file = path.join(dir, "diff-" + stack + ".md");
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (!text) return "### " + stack + "\\n\\nNo result: the stack's job stopped before its diff (see the run).";
  // A diff that failed printed no heading of its own; the outcome table still needs the stack's name.
  return text.startsWith("### ") ? text : "### " + stack + "\\n\\n" + text;
});
// The shortest sections are kept whole; the room left is shared evenly by the longer ones.
const SEP = "\\n\\n";
let room = LIMIT - head.length - SEP.length * sections.length;
const shown = sections.slice();
const shortestFirst = sections.map(function (s, i) { return i; }).sort(function (a, b) { return sections[a].length - sections[b].length; });
let left = sections.length;
for (const i of shortestFirst) {
  shown[i] = trim(sections[i], Math.floor(room / left), stacks[i]);
  room -= shown[i].length;
  left -= 1;
}
const body = (head + SEP + shown.join(SEP)).slice(0, LIMIT);

await core.summary.addRaw(body).write();
if (!pr) {
  core.info("Not a pull request: the preview is in the job summary.");
  return;
}
// A fork's pull request gets a read-only token: the job summary is where its preview is read.
if (pr.head.repo && pr.head.repo.full_name !== repo.owner + "/" + repo.repo) {
  core.notice("A pull request from a fork cannot be commented on with this run's token: the preview is in the job summary.");
  return;
}
try {
  const comments = await github.paginate(github.rest.issues.listComments, Object.assign({ issue_number: pr.number, per_page: 100 }, repo));
  const mine = comments.find(function (c) { return c.user && c.user.type === "Bot" && typeof c.body === "string" && c.body.startsWith(MARKER); });
  if (mine) {
    await github.rest.issues.updateComment(Object.assign({ comment_id: mine.id, body: body }, repo));
    core.info("Updated the preview comment " + mine.html_url);
  } else {
    const made = await github.rest.issues.createComment(Object.assign({ issue_number: pr.number, body: body }, repo));
    core.info("Commented " + made.data.html_url);
  }
} catch (err) {
  if (err.status !== 403) throw err;
  core.warning("The token may not comment here (" + err.message + "): the preview is in the job summary.");
}
`;
