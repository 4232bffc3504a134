import { checkTeamNamespaces, stackRule, TEAM_NAMESPACES_DEFINITION } from "@mlops-kit/policy-common";

export default stackRule({
  name: "mlops-gcp-kubernetes-team-namespaces",
  ...TEAM_NAMESPACES_DEFINITION,
  validateStack: (args, report) => checkTeamNamespaces("gcp", args, report),
});
