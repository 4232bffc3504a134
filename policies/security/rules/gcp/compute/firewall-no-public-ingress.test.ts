import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./firewall-no-public-ingress";

const fw = (inputs: Record<string, unknown>) => planResource("gcp:compute/firewall:Firewall", "fw", { network: "n", ...inputs });
const world = { sourceRanges: ["0.0.0.0/0"] };

describe(rule.name, () => {
  it("GIVEN HTTPS from the world, a deny-all from the world, SSH from IAP, and egress THEN it passes", async () => {
    const resources = [
      fw({ ...world, allows: [{ protocol: "tcp", ports: ["443", "80"] }] }),
      fw({ ...world, denies: [{ protocol: "all" }], priority: 65534 }),
      fw({ sourceRanges: ["35.235.240.0/20"], allows: [{ protocol: "tcp", ports: ["22"] }] }),
      fw({ direction: "EGRESS", destinationRanges: ["0.0.0.0/0"], allows: [{ protocol: "all" }] }),
      fw({ ...world, disabled: true, allows: [{ protocol: "tcp", ports: ["22"] }] }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN SSH allowed from 0.0.0.0/0 THEN it fails", async () => {
    expect(await findings(rule, [fw({ ...world, allows: [{ protocol: "tcp", ports: ["22"] }] })])).toEqual([
      expect.stringMatching(/^allows\[0\] admits 0.0.0.0\/0 to 22;/),
    ]);
  });

  it("GIVEN every protocol allowed from ::/0 THEN it fails", async () => {
    expect(await findings(rule, [fw({ sourceRanges: ["::/0"], allows: [{ protocol: "all" }] })])).toEqual([
      expect.stringContaining("every protocol"),
    ]);
  });

  it("GIVEN TCP without ports from the world THEN it fails", async () => {
    expect(await findings(rule, [fw({ ...world, allows: [{ protocol: "tcp" }] })])).toEqual([expect.stringContaining("every TCP port")]);
  });

  it("GIVEN a port range 8000-9000 from the world THEN it fails", async () => {
    expect(await findings(rule, [fw({ ...world, allows: [{ protocol: "tcp", ports: ["443", "8000-9000"] }] })])).toEqual([
      expect.stringContaining("to 8000-9000"),
    ]);
  });

  it("GIVEN an allow with no source at all (GCP then means every source) THEN it fails", async () => {
    expect(await findings(rule, [fw({ allows: [{ protocol: "tcp", ports: ["3389"] }] })])).toEqual([
      expect.stringContaining("no source given"),
    ]);
  });
});
