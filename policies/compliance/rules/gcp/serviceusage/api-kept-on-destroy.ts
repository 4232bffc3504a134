import { resourceRule } from "@mlops-kit/policy-common";
import { Service } from "@pulumi/gcp/projects";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-serviceusage-api-kept-on-destroy",
  description: "Destroying a stack never disables a project API: other stacks' resources would be deleted with it.",
  severity: "high",
  frameworks: { nist: ["CP-10", "CM-3"] },
  remediation: [
    "Set disableOnDestroy false on every gcp.projects.Service (MlopsVpc's gcp.enableApis does).",
    "Leave disableDependentServices unset or false.",
  ],
  validateResource: validateResourceOfType(Service, (service, _args, report) => {
    // pulumi-gcp's default for disableOnDestroy is true.
    if (service.disableOnDestroy !== false) report(`disableOnDestroy is not false: destroying the stack disables ${service.service}.`);
    if (service.disableDependentServices === true)
      report("disableDependentServices is true: disabling would take dependent APIs down too.");
  }),
});
